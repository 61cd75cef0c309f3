package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Toxicity is a per-connection probability, drawn from the server's seed so runs repeat. */
class ToxicityTest {
    private static final int CONNECTIONS = 200;

    /** For each of 200 sequential connections: was it hit by a limit_data(0) toxic of toxicity 0.5? */
    private static List<Boolean> hits(long seed) throws IOException {
        List<Boolean> hits = new ArrayList<>();
        try (ToxiproxyServer server = ToxiproxyServer.builder().seed(seed).build().startServer();
                TestUpstream echo = TestUpstream.echo()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy proxy = client.createProxy("coin", "127.0.0.1:0", echo.address());
            proxy.toxics().limitData("drop", ToxicDirection.DOWNSTREAM, 0).setToxicity(0.5f);
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket socket = Net.connect(proxy.getListen())) {
                    socket.getOutputStream().write('x');
                    hits.add(socket.getInputStream().read() == -1);
                }
            }
        }
        return hits;
    }

    @Test
    void halfOfTheConnectionsWithinBinomialToleranceAndTheSameSeedRepeats() throws IOException {
        List<Boolean> first = hits(1234);
        long hit = first.stream().filter(h -> h).count();
        // Binomial(200, 0.5): mean 100, sd 7.07; +-4 sd
        assertThat(hit).isBetween(72L, 128L);

        assertThat(hits(1234)).as("same seed, same connections hit").isEqualTo(first);
        assertThat(hits(98765)).as("another seed, another pattern").isNotEqualTo(first);
    }

    @Test
    void toxicityZeroAndOneAreNeverAndAlways() throws IOException {
        try (ToxiproxyServer server = ToxiproxyServer.start(); TestUpstream echo = TestUpstream.echo()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
            var toxic = proxy.toxics().limitData("drop", ToxicDirection.DOWNSTREAM, 0);
            for (int i = 0; i < 20; i++) {
                try (Socket socket = Net.connect(proxy.getListen())) {
                    socket.getOutputStream().write('x');
                    assertThat(socket.getInputStream().read()).isEqualTo(-1);
                }
            }
            toxic.setToxicity(0f);
            for (int i = 0; i < 20; i++) {
                try (Socket socket = Net.connect(proxy.getListen())) {
                    assertThat(Net.roundTripMillis(socket)).isLessThan(2_000);
                }
            }
        }
    }
}
