package dev.chaosjunit.load.cli;

import com.google.gson.JsonObject;
import dev.chaosjunit.load.PausesTaken;
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
import java.time.Duration;
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
        long t0 = System.nanoTime();
        assertThat(run(url("/flaky"), "--rate", "200", "--duration", "1s", "--connections", "8", "--json", "--quiet"))
                .isZero();
        double elapsedSeconds = (System.nanoTime() - t0) / 1e9;
        JsonObject j = JsonParser.parseString(out().strip()).getAsJsonObject();
        assertThat(j.get("model").getAsString()).isEqualTo("open");
        assertThat(j.get("targetRate").getAsDouble()).isEqualTo(200.0);
        // achieved = requests over the seconds covered: from the start to the last response, which is after the last
        // arrival (due at 0.995s) and within the command's run; a busy machine stretches the drain, never the count
        double seconds = j.get("durationSeconds").getAsDouble();
        assertThat(seconds).isBetween(0.995, elapsedSeconds);
        assertThat(j.get("achievedRate").getAsDouble()).isCloseTo(200 / seconds, org.assertj.core.api.Assertions.within(0.001));
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
        long t0 = System.nanoTime();
        assertThat(run(url("/"), "--closed", "--users", "2", "--think", "20ms..40ms", "--duration", "1s", "--json",
                "--quiet")).isZero();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        JsonObject j = JsonParser.parseString(out().strip()).getAsJsonObject();
        assertThat(j.get("model").getAsString()).isEqualTo("closed");
        assertThat(j.get("users").getAsInt()).isEqualTo(2);
        long requests = j.get("requests").getAsLong();
        assertThat(hits.get()).isEqualTo((int) requests);
        // exact: a user's sends are at least one 20ms pause apart and none is after the 1s schedule: 2 x (1 + 50)
        assertThat(requests).isLessThanOrEqualTo(102L);
        // the pauses actually taken, from the run's own latency sum and elapsed time (PausesTaken): within the
        // think range [20ms, 40ms] whatever the load (uniform draws: about 30ms); skipped pauses give ~0ms, doubled
        // ones about 60ms; 45ms is crossed only if the last sends were skipped after a long stall at the very end
        PausesTaken taken = PausesTaken.of(requests,
                j.getAsJsonObject("latencyMs").getAsJsonObject("corrected").get("mean").getAsDouble(), 2,
                Duration.ofSeconds(1), Duration.ofMillis(40), elapsed);
        assertThat(taken.highEstimateMillis()).as("%s", taken).isGreaterThanOrEqualTo(20.0);
        assertThat(taken.lowEstimateMillis()).as("%s", taken).isLessThanOrEqualTo(45.0);
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
