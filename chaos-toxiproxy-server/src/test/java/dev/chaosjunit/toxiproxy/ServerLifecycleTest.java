package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, config file, and that close() leaves no thread, port or connection behind. */
class ServerLifecycleTest {

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("chaos-toxiproxy-")).collect(Collectors.toSet());
    }

    @Test
    void closeStopsEveryThreadItStarted() throws Exception {
        Set<String> before = serverThreads();
        try (TestUpstream echo = TestUpstream.echo()) {
            ToxiproxyServer server = ToxiproxyServer.start();
            Proxy proxy = new ToxiproxyClient(server.host(), server.port()).createProxy("p", "127.0.0.1:0", echo.address());
            try (Socket socket = Net.connect(proxy.getListen())) {
                Net.roundTripMillis(socket);
            }
            assertThat(serverThreads()).hasSizeGreaterThan(before.size());
            server.close();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(serverThreads()).isEqualTo(before));
    }

    @Test
    void configFileProxiesExistAtStart(@TempDir Path dir) throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            Path config = dir.resolve("proxies.json");
            Files.writeString(config, "{\"proxies\": [{\"name\":\"cfg\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                    + echo.address() + "\"}]}");
            try (ToxiproxyServer server = ToxiproxyServer.builder().config(config).build().startServer()) {
                Proxy proxy = new ToxiproxyClient(server.host(), server.port()).getProxy("cfg");
                try (Socket socket = Net.connect(proxy.getListen())) {
                    Net.roundTripMillis(socket);
                }
            }
        }
    }

    @Test
    void changingUpstreamClosesLiveConnections() throws Exception {
        try (TestUpstream echo = TestUpstream.echo(); TestUpstream other = TestUpstream.echo();
                ToxiproxyServer server = ToxiproxyServer.start()) {
            Proxy proxy = new ToxiproxyClient(server.host(), server.port()).createProxy("p", "127.0.0.1:0", echo.address());
            try (Socket live = Net.connect(proxy.getListen())) {
                Net.roundTripMillis(live);
                HttpResponse<String> patched = Net.request(server, "PATCH", "/proxies/p",
                        "{\"upstream\":\"" + other.address() + "\"}");
                assertThat(patched.statusCode()).isEqualTo(200);
                assertThat(JsonParser.parseString(patched.body()).getAsJsonObject().get("upstream").getAsString())
                        .isEqualTo(other.address());
                assertThat(live.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket fresh = Net.connect(proxy.getListen())) {
                Net.roundTripMillis(fresh);
            }
            assertThat(other.accepted.get()).isEqualTo(1);
        }
    }
}
