package dev.chaosjunit.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On an external server: our names carry a run id and an expiry, and expired leftovers are removed at start. */
class JanitorTest {

    static String url;
    static final List<String> NAMES_DURING_TEST = new CopyOnWriteArrayList<>();

    ToxiproxyServer server;
    ToxiproxyClient client;

    @BeforeEach
    void start() {
        server = ToxiproxyServer.start();
        url = server.url();
        client = new ToxiproxyClient(server.host(), server.port());
        NAMES_DURING_TEST.clear();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ChaosProxy(name = "payments", upstream = "127.0.0.1:9")
    @Fixture
    static class UsesTheServer {
        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "10ms")
        void body() throws Exception {
            ToxiproxyClient c = new ToxiproxyClient("127.0.0.1", Integer.parseInt(url.substring(url.lastIndexOf(':')
                    + 1)));
            for (Proxy p : c.getProxies()) {
                NAMES_DURING_TEST.add(p.getName());
                for (Toxic t : p.toxics().getAll()) {
                    NAMES_DURING_TEST.add(t.getName());
                }
            }
        }
    }

    @Test
    void expiredLeftoversOfACrashedRunAreRemovedAndEverythingElseIsKept() throws Exception {
        long past = Instant.now().minusSeconds(60).getEpochSecond();
        long future = Instant.now().plusSeconds(3600).getEpochSecond();
        client.createProxy("chaos-junit.deadbeef." + past + ".proxy-old-1", "127.0.0.1:0", "127.0.0.1:9");
        Proxy live = client.createProxy("chaos-junit.deadbeef." + future + ".proxy-live-2", "127.0.0.1:0",
                "127.0.0.1:9");
        live.toxics().latency("chaos-junit.deadbeef." + past + ".latency-3", ToxicDirection.DOWNSTREAM, 100);
        live.toxics().latency("chaos-junit.deadbeef." + future + ".latency-4", ToxicDirection.UPSTREAM, 100);
        Proxy foreign = client.createProxy("someone-elses", "127.0.0.1:0", "127.0.0.1:9");
        foreign.toxics().latency("theirs", ToxicDirection.DOWNSTREAM, 100);

        Fixtures.assertCounts(Fixtures.run(UsesTheServer.class, "chaos.toxiproxy.url", url), 1, 0);

        assertThat(client.getProxies()).extracting(Proxy::getName)
                .containsExactlyInAnyOrder(live.getName(), "someone-elses");
        assertThat(client.getProxy(live.getName()).toxics().getAll()).extracting(Toxic::getName)
                .containsExactly("chaos-junit.deadbeef." + future + ".latency-4");
        assertThat(client.getProxy("someone-elses").toxics().getAll()).extracting(Toxic::getName)
                .containsExactly("theirs");
    }

    @Test
    void ourProxiesAndToxicsCarryTheRunIdAndAFutureExpiryAndAreGoneAfterTheTest() throws Exception {
        Fixtures.assertCounts(Fixtures.run(UsesTheServer.class, "chaos.toxiproxy.url", url), 1, 0);

        List<String> ours = NAMES_DURING_TEST.stream().filter(n -> n.startsWith("chaos-junit."))
                .collect(Collectors.toList());
        assertThat(ours).hasSize(2).allSatisfy(n -> {
            assertThat(n).matches("chaos-junit\\.[0-9a-f]{8}\\.\\d+\\.(proxy-payments|latency)-\\d+");
            long expires = Long.parseLong(n.split("\\.")[2]);
            assertThat(expires).isGreaterThan(Instant.now().getEpochSecond());
        });
        assertThat(client.getProxies()).isEmpty();
    }
}
