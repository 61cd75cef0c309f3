package dev.chaosjunit.load.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadCommandTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger hits = new AtomicInteger();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            int n = hits.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            int status = ex.getRequestURI().getPath().equals("/flaky") && n % 4 == 0 ? 503 : 200;
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private int run(String... args) {
        return LoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonHasRatesCountsErrorKindsDropsAndBothLatencies() {
        assertThat(run(url("/flaky"), "--rate", "200", "--duration", "1s", "--connections", "8", "--json", "--quiet"))
                .isZero();
        JsonObject j = JsonParser.parseString(out().strip()).getAsJsonObject();
        assertThat(j.get("model").getAsString()).isEqualTo("open");
        assertThat(j.get("targetRate").getAsDouble()).isEqualTo(200.0);
        assertThat(j.get("achievedRate").getAsDouble()).isBetween(180.0, 220.0);
        assertThat(j.get("requests").getAsLong()).isEqualTo(200);
        assertThat(j.get("errors").getAsLong()).isEqualTo(50);
        assertThat(j.getAsJsonObject("errorsByKind").get("http_5xx").getAsLong()).isEqualTo(50);
        assertThat(j.get("dropped").getAsLong()).isZero();
        for (String kind : new String[] {"corrected", "uncorrected"}) {
            JsonObject l = j.getAsJsonObject("latencyMs").getAsJsonObject(kind);
            for (String p : new String[] {"p50", "p90", "p99", "p99.9", "max"}) {
                assertThat(l.get(p).getAsDouble()).as(kind + " " + p).isPositive();
            }
            assertThat(l.get("p50").getAsDouble()).isLessThanOrEqualTo(l.get("p99").getAsDouble());
        }
        assertThat(err()).isEmpty();
        assertThat(hits.get()).isEqualTo(200);
    }

    @Test
    void humanSummaryAndProgressOnStderr() {
        assertThat(run(url("/"), "--rate", "100", "--duration", "2s", "--connections", "4")).isZero();
        assertThat(out()).contains("open model, target 100 req/s, 4 connections, 2s")
                .containsPattern("requests  200 in \\d\\.\\d\\ds = \\d+\\.\\d req/s achieved")
                .contains("errors    0 (0.00%)").contains("dropped   0")
                .containsPattern("p99\\.9 +[0-9.]+ms +[0-9.]+ms");
        assertThat(err()).containsPattern("chaos-load \\[open] 1s: \\d+/100 req/s, errors 0, dropped 0, p99 [0-9.]+ms");
    }

    @Test
    void closedModelWithThinkRange() {
        assertThat(run(url("/"), "--closed", "--users", "2", "--think", "20ms..40ms", "--duration", "1s", "--json",
                "--quiet")).isZero();
        JsonObject j = JsonParser.parseString(out().strip()).getAsJsonObject();
        assertThat(j.get("model").getAsString()).isEqualTo("closed");
        assertThat(j.get("users").getAsInt()).isEqualTo(2);
        // each user: ~30ms think + a fast request -> about 33 per second each
        assertThat(j.get("requests").getAsLong()).isBetween(30L, 75L);
    }

    @Test
    void badFlagsGiveAClearMessageAndExitStatus2() {
        String[][] cases = {
                {"--rate", "10"},
                {url("/"), "--rate", "fast"},
                {url("/"), "--rate", "0"},
                {url("/"), "--rate", "10", "--duration", "10 sec"},
                {url("/"), "--rate", "10", "--bogus"},
                {url("/")},
                {url("/"), "--rate", "10", "--think", "1s"},
                {url("/"), "--closed", "--think", "2s..1s"},
                {url("/"), "--rate", "10", "--connections"},
                {"https://127.0.0.1/", "--rate", "10"},
        };
        String[] messages = {
                "chaos-load: no target URL given, e.g. http://127.0.0.1:8080/",
                "chaos-load: --rate: expected a number > 0 (requests per second), got \"fast\"",
                "chaos-load: --rate: expected a number > 0 (requests per second), got \"0\"",
                "chaos-load: --duration: \"10 sec\" is not a duration: expected a number followed by a unit (h, m, s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"",
                "chaos-load: unknown option \"--bogus\"",
                "chaos-load: --rate is required for the open model (or use --closed --users N)",
                "chaos-load: --think applies to the closed model; add --closed",
                "chaos-load: --think: think time max must be >= min, got min=2s max=1s (use a duration such as 100ms or a range such as 50ms..150ms)",
                "chaos-load: --connections needs a value",
                "chaos-load: load target \"https://127.0.0.1/\" must be an http:// URL (the driver speaks plain HTTP/1.1), got scheme https",
        };
        for (int i = 0; i < cases.length; i++) {
            err.reset();
            assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err().lines().findFirst().orElse("")).isEqualTo(messages[i]);
        }
        assertThat(out()).isEmpty();
        assertThat(hits.get()).isZero();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: chaos-load <http://host:port/path> [options]").contains("--closed --users");
    }
}
