package dev.chaosjunit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire and how it reacts to HTTP statuses a real Prometheus cannot be made to send on
 * demand (503, 429). A tiny loopback server records each request and plays back scripted answers; it stands in
 * for the network, not for PromQL (which {@link PrometheusClientTest} tests against a real Prometheus).
 */
class PrometheusClientHttpTest {

    private static final String OK = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
            + "\"result\":[1700000000.5,\"42\"]}}";

    private record Answer(int status, String body, String retryAfter) {
    }

    private record Recorded(String method, String path, String authorization, String contentType, String body) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer a;
            synchronized (script) {
                a = script.isEmpty() ? new Answer(200, OK, null) : script.poll();
            }
            if (a.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", a.retryAfter());
            }
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopRecorder() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsTheBearerTokenAndTheQueryAsAForm() {
        QueryResult r = PrometheusClient.builder(url()).bearerToken("s3cr3t").build()
                .query("sum(rate(x{a=\"b&c\"}[1m]))");

        assertThat(r.series().get(0).samples().get(0).value()).isEqualTo(42.0);
        Recorded req = requests.get(0);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/api/v1/query");
        assertThat(req.authorization()).isEqualTo("Bearer s3cr3t");
        assertThat(req.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(URLDecoder.decode(req.body(), StandardCharsets.UTF_8))
                .isEqualTo("query=sum(rate(x{a=\"b&c\"}[1m]))");
    }

    @Test
    void sendsBasicAuthAndRangeParameters() {
        PrometheusClient.builder(url() + "/prom").basicAuth("chaos", "p:w").build()
                .queryRange("up", java.time.Instant.ofEpochSecond(100, 500_000_000),
                        java.time.Instant.ofEpochSecond(160), Duration.ofMillis(1500));

        Recorded req = requests.get(0);
        assertThat(req.path()).isEqualTo("/prom/api/v1/query_range");
        assertThat(req.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("chaos:p:w".getBytes(StandardCharsets.UTF_8)));
        assertThat(req.body()).isEqualTo("query=up&start=100.5&end=160&step=1.5");
    }

    @Test
    void sendsNoAuthorizationWhenNoneIsConfigured() {
        PrometheusClient.builder(url()).build().query("up");

        assertThat(requests.get(0).authorization()).isNull();
    }

    @Test
    void retries503And429ThenSucceeds() {
        script.add(new Answer(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"busy\"}", null));
        script.add(new Answer(429, "slow down", "0"));

        QueryResult r = PrometheusClient.builder(url()).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()
                .query("up");

        assertThat(r.type()).isEqualTo(ResultType.SCALAR);
        assertThat(requests).hasSize(3);
    }

    @Test
    void gives5xxUpAfterTheLastAttemptWithPrometheusErrorText() {
        for (int i = 0; i < 3; i++) {
            script.add(new Answer(503, "{\"status\":\"error\",\"errorType\":\"timeout\","
                    + "\"error\":\"query timed out in expression evaluation\"}", null));
        }

        PrometheusQueryException e = catchThrowableOfType(PrometheusQueryException.class,
                () -> PrometheusClient.builder(url()).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()
                        .query("up"));

        assertThat(requests).hasSize(3);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("Prometheus at " + url() + " rejected query \"up\": timeout: query "
                + "timed out in expression evaluation (HTTP 503, attempt 3 of 3)");
    }

    @Test
    void doesNotRetryAnExecutionError() {
        script.add(new Answer(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"too many "
                + "samples\"}", null));

        PrometheusQueryException e = catchThrowableOfType(PrometheusQueryException.class,
                () -> PrometheusClient.builder(url()).build().query("up"));

        assertThat(requests).hasSize(1);
        assertThat(e.errorType()).contains("execution");
        assertThat(e.httpStatus()).hasValue(422);
    }
}
