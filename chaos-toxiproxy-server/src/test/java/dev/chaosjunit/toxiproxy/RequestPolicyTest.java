package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nobody drives the API from a browser: browser user agents get Toxiproxy's own refusal, and a {@code Host} that
 * is not this server (DNS rebinding) is refused, so a web page cannot create a proxy even with a text/plain POST.
 */
class RequestPolicyTest {
    private ToxiproxyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String create(String host, String agent, String name) {
        String body = "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}";
        return "POST /proxies HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                + (agent == null ? "" : "User-Agent: " + agent + "\r\n")
                + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Test
    void browserUserAgentsGetToxiproxysRefusal() throws IOException {
        server = ToxiproxyServer.start();
        String chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        RawHttp.Response refused = RawHttp.exchange(server.port(), create("127.0.0.1:" + server.port(), chrome, "web"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("User agent not allowed\n");
        assertThat(refused.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        RawHttp.Response version = RawHttp.exchange(server.port(), "GET /version HTTP/1.1\r\nHost: localhost\r\n"
                + "User-Agent: " + chrome + "\r\nConnection: close\r\n\r\n");
        assertThat(version.status()).as("every path, as Toxiproxy").isEqualTo(403);
        RawHttp.Response list = RawHttp.exchange(server.port(), "GET /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(list.body()).as("nothing was created").isEqualTo("{}\n");
        assertThat(RawHttp.exchange(server.port(), create("127.0.0.1", "curl/7.88.1", "cli")).status())
                .isEqualTo(201);
        assertThat(RawHttp.exchange(server.port(), create("127.0.0.1", "mozilla/5.0 lower case", "lower")).status())
                .as("Toxiproxy's rule is the exact prefix Mozilla/").isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8474", "127.0.0.1.nip.io", "localhost.evil.example", "[::1"})
    void foreignHostNamesAreRefused(String host) throws IOException {
        server = ToxiproxyServer.start();
        RawHttp.Response response = RawHttp.exchange(server.port(), create(host, "curl/8", "rebound"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).startsWith("Host not allowed");
        assertThat(RawHttp.exchange(server.port(), "GET /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                + "\r\n\r\n").body()).isEqualTo("{}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8474", "localhost", "LOCALHOST:1", "localhost.", "app.localhost",
        "[::1]:8474", "10.1.2.3"})
    void addressesAndLocalNamesAreAllowed(String host) throws IOException {
        server = ToxiproxyServer.start();
        assertThat(RawHttp.exchange(server.port(), create(host, null, "ok")).status()).isEqualTo(201);
    }

    @Test
    void noHostHeaderIsAllowedAsInHttp10() throws IOException {
        server = ToxiproxyServer.start();
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /version HTTP/1.0\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("2.5.0");
    }

    @Test
    void moreNamesCanBeAllowedOrEveryName() throws IOException {
        server = ToxiproxyServer.builder().allowedHosts("toxiproxy").build().startServer();
        assertThat(RawHttp.exchange(server.port(), create("toxiproxy:8474", null, "a")).status()).isEqualTo(201);
        assertThat(RawHttp.exchange(server.port(), create("other", null, "b")).status()).isEqualTo(403);
        server.close();
        server = ToxiproxyServer.builder().allowedHosts("*").build().startServer();
        assertThat(RawHttp.exchange(server.port(), create("other", null, "c")).status()).isEqualTo(201);
    }
}
