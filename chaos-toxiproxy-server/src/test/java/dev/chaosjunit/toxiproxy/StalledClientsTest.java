package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API never waits for a client to finish its request: clients that stall half-way (one byte of a request, a
 * chunked body stopped inside a chunk header, a TLS hello that waits for an answer) do not delay anyone else's call
 * by more than about a second, are bounded in number per client, and are closed by the request timeout.
 *
 * <p>Before this server read requests itself, two such clients took both API threads and every other call got no
 * answer until they closed (90 s and more): here every such call is made with a 10 s timeout, so that behaviour
 * fails, and the bound on the time of an answer is the same call's time measured without stalled clients plus one
 * second (a busy machine slows both measurements alike).
 */
class StalledClientsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ToxiproxyServer server;
    private final List<Socket> stalled = new ArrayList<>();

    @BeforeEach
    void start() {
        server = ToxiproxyServer.builder().build().startServer();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
        server.close();
    }

    private Socket stall(String bytes) throws IOException {
        Socket socket = RawHttp.open(server.port());
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        stalled.add(socket);
        return socket;
    }

    /** The time of one GET /proxies answered with 200, in ms (a call without an answer in 10 s throws). */
    private double callMillis() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/proxies"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (System.nanoTime() - start) / 1e6;
    }

    private double[] calls(int n) throws Exception {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = callMillis();
        }
        Arrays.sort(times);
        return times;
    }

    @Test
    void stalledClientsDoNotDelayAnotherClientsCall() throws Exception {
        calls(3); // warm-up
        double[] without = calls(5);
        byte[] tlsHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        for (int i = 0; i < 3; i++) {
            stall("G");
            stall("POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n1"); // mid chunk header
            stall("POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"na"); // mid body
            Socket tls = RawHttp.open(server.port());
            tls.getOutputStream().write(tlsHello);
            tls.getOutputStream().flush();
            stalled.add(tls);
        }
        double[] with = calls(5);
        double bound = without[without.length - 1] + 1_000;
        assertThat(with[0]).as("fastest call with 12 stalled clients (ms) vs slowest without %s",
                Arrays.toString(without)).isLessThan(bound);
        assertThat(with[2]).as("median call with stalled clients (ms)").isLessThan(bound);

        // And through the real client library, while they are still there.
        ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
        client.createProxy("after-stalls", "127.0.0.1:0", "127.0.0.1:9");
        assertThat(client.getProxies()).hasSize(1);
    }

    @Test
    void aTlsHelloIsAnsweredAtOnceWithAPlainHttpError() throws Exception {
        Socket tls = stall("\u0016\u0003\u0001\u0000\u00a5\u0001");
        RawHttp.Response response = RawHttp.read(tls.getInputStream());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("this API speaks plain HTTP, not TLS");
    }

    @Test
    void aBadChunkHeaderIsA400() throws Exception {
        RawHttp.Response response = RawHttp.exchange(server.port(),
                "POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("bad chunk header");
    }

    @Test
    void aChunkedBodyWorks() throws Exception {
        String json = "{\"name\":\"chunked\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}";
        String half1 = json.substring(0, 20);
        String half2 = json.substring(20);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half1.length()) + "\r\n" + half1 + "\r\n"
                + Integer.toHexString(half2.length()) + ";ext=1\r\n" + half2 + "\r\n0\r\n\r\n");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).contains("\"name\":\"chunked\"");
    }

    @Test
    void theRequestTimeoutAnswers408AndCloses() throws Exception {
        server.close();
        server = ToxiproxyServer.builder().requestTimeout(Duration.ofMillis(300)).build().startServer();
        Socket slow = stall("GET /prox");
        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.read(slow.getInputStream());
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(response.status()).isEqualTo(408);
        assertThat(response.body()).contains("request timeout");
        assertThat(millis).as("not before the timeout").isGreaterThan(250);
        assertThat(RawHttp.closedByServer(slow)).isTrue();
    }

    @Test
    void connectionsPerClientAreBoundedAndTheNewestClientStillGetsAnAnswer() throws Exception {
        int opened = 100;
        for (int i = 0; i < opened; i++) {
            stall("G");
        }
        assertThat(callMillis()).as("answered despite %d stalled connections from the same address", opened)
                .isLessThan(10_000);
        int closed = 0;
        for (Socket socket : stalled) {
            socket.setSoTimeout(100);
            if (RawHttp.closedByServer(socket)) {
                closed++;
            }
        }
        // At most 32 connections per client address are kept: the ones that waited longest made room.
        assertThat(closed).as("stalled connections the server closed").isGreaterThanOrEqualTo(opened - 32);
    }

    @Test
    void tooManyRequestHeadersIsA431() throws Exception {
        StringBuilder request = new StringBuilder("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 201; i++) {
            request.append("X-Header-").append(i).append(": v\r\n");
        }
        RawHttp.Response response = RawHttp.exchange(server.port(), request.append("\r\n").toString());
        assertThat(response.status()).isEqualTo(431);
        assertThat(response.body()).contains("more than 100 request headers");
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket socket = RawHttp.open(server.port())) {
            socket.getOutputStream().write(("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response first = RawHttp.read(socket.getInputStream());
            RawHttp.Response second = RawHttp.read(socket.getInputStream());
            assertThat(first.body()).isEqualTo("2.5.0");
            assertThat(first.header("Server")).isEqualTo("chaos-toxiproxy-server/" + ToxiproxyServer.VERSION);
            assertThat(second.body()).isEqualTo("{}\n");
        }
    }
}
