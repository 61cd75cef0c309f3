package dev.chaosjunit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Wire;
import dev.chaosjunit.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A {@code static} extension instance in a base class serves several test classes (as with a Spring context cached
 * for all of them): its proxies survive the end of each class, so the second class gets the same proxy on the same
 * port, and they are removed when the test run ends.
 */
class SharedExtensionLifetimeTest {

    static final ByteServer UPSTREAM = ByteServer.start();
    static volatile ToxiproxyClient server;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    abstract static class SharedBase {
        @RegisterExtension
        static final ChaosExtension chaos = ChaosExtension.builder().proxy("bytes", UPSTREAM.address()).build();

        @Test
        void throughTheSharedProxy() throws Exception {
            ProxyAddress address = chaos.proxy("bytes");
            Wire.Exchange e = Wire.exchange(address, "GET 10", 10, Duration.ofSeconds(5));
            assertThat(e.bytes()).as("bytes through the proxy at " + address).isEqualTo(10);
            SEEN.add(getClass().getSimpleName() + " port " + address.port() + ", " + server.getProxies().size()
                    + " proxy on the server");
        }
    }

    @Fixture
    static class FirstClass extends SharedBase {
    }

    @Fixture
    static class SecondClass extends SharedBase {
    }

    @Test
    void aSecondClassReusesTheProxyAndTheRunsEndRemovesIt() throws Exception {
        SEEN.clear();
        try (ToxiproxyServer toxiproxy = ToxiproxyServer.start()) {
            server = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                    .configurationParameter(Fixtures.FIXTURE_PARAMETER, "true")
                    .configurationParameter("chaos.toxiproxy.url", toxiproxy.url())
                    .configurationParameter("chaos.journal.dir", "target/chaos-reports/fixtures")
                    .execute();

            Fixtures.assertCounts(results, 2, 0);
            assertThat(SEEN).hasSize(2);
            String port = SEEN.get(0).replaceAll(".* port (\\d+),.*", "$1");
            assertThat(SEEN).containsExactlyInAnyOrder(
                    "FirstClass port " + port + ", 1 proxy on the server",
                    "SecondClass port " + port + ", 1 proxy on the server");
            assertThat(server.getProxies()).as("proxies left on the server after the run").isEmpty();
        }
    }
}
