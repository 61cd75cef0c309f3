package dev.chaosjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import dev.chaosjunit.testing.Wire;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic form, alone and together with {@code @ChaosTest}. */
class ProgrammaticExtensionTest {

    static final ByteServer UPSTREAM = ByteServer.start();

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    @Fixture
    static class Both {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("bytes", UPSTREAM.address()).seed(7).build();

        @ChaosTest
        @Recorded(name = "once")
        @InjectLatency(proxy = "bytes", latency = "100ms")
        void declarativeAndProgrammatic(ChaosRun run) {
            assertThat(run.seed()).isEqualTo(7);
            assertThat(run.proxy("bytes")).isEqualTo(chaos.proxy("bytes"));
            Wire.Exchange e = Wire.exchange(run.proxy("bytes"), "GET 10", 10, Duration.ofSeconds(5));
            assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        }
    }

    @Test
    void chaosTestWithARegisteredExtensionRunsTheExperimentOnce() {
        FaultLog.clear();
        Fixtures.assertCounts(Fixtures.run(Both.class), 1, 0);
        assertThat(FaultLog.actions()).containsExactly("inject once", "revert once");
    }

    static String serverUrl;
    static final java.util.List<String> PROXIES_IN_BEFORE_ALL = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final java.util.Set<dev.chaosjunit.network.ProxyAddress> ADDRESSES =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Fixture
    @org.junit.jupiter.api.extension.ExtendWith(ChaosExtension.class)
    @dev.chaosjunit.network.ChaosProxy(name = "bytes", upstream = "127.0.0.1:9")
    static class ClassLevel {
        @org.junit.jupiter.api.BeforeAll
        static void proxiesExistBeforeTheFirstTest() throws Exception {
            String port = serverUrl.substring(serverUrl.lastIndexOf(':') + 1);
            for (eu.rekawek.toxiproxy.Proxy p : new eu.rekawek.toxiproxy.ToxiproxyClient("127.0.0.1",
                    Integer.parseInt(port)).getProxies()) {
                PROXIES_IN_BEFORE_ALL.add(p.getName());
            }
        }

        @Test
        @InjectLatency(proxy = "bytes", latency = "10ms")
        void first(ChaosRun run) {
            ADDRESSES.add(run.proxy("bytes"));
            ADDRESSES.add(ChaosExtension.proxy(ClassLevel.class, "bytes"));   // the static accessor: same proxy
        }

        @Test
        @InjectLatency(proxy = "bytes", latency = "10ms")
        void second(ChaosRun run) {
            ADDRESSES.add(run.proxy("bytes"));
        }
    }

    @Test
    void onTheClassProxiesAreCreatedInBeforeAllAndSharedByTheClassTests() {
        try (dev.chaosjunit.toxiproxy.ToxiproxyServer server = dev.chaosjunit.toxiproxy.ToxiproxyServer.start()) {
            serverUrl = server.url();
            PROXIES_IN_BEFORE_ALL.clear();
            ADDRESSES.clear();
            Fixtures.assertCounts(Fixtures.run(ClassLevel.class, "chaos.toxiproxy.url", serverUrl), 2, 0);
            assertThat(PROXIES_IN_BEFORE_ALL).hasSize(1).allSatisfy(n -> assertThat(n).contains(".proxy-bytes-"));
            assertThat(ADDRESSES).hasSize(1);
            assertThatThrownBy(() -> ChaosExtension.proxy(ClassLevel.class, "bytes"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the @ChaosProxy proxies of "
                            + ClassLevel.class.getName() + " are not set up: register ChaosExtension on the class "
                            + "(@ExtendWith(ChaosExtension.class), before @SpringBootTest) so that they are created "
                            + "in beforeAll");
        }
    }

    @Test
    void aProgrammaticProxyIsAvailableBeforeAnyTestRuns() {
        // never registered with a run, so its proxy is deleted by the JVM shutdown hook
        ChaosExtension chaos = ChaosExtension.builder().proxy("early", UPSTREAM.address()).build();
        Wire.Exchange e = Wire.exchange(chaos.proxy("early"), "GET 10", 10, Duration.ofSeconds(5));
        assertThat(e.bytes()).isEqualTo(10);
    }
}
