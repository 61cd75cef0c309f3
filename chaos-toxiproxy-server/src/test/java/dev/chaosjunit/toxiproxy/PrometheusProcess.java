package dev.chaosjunit.toxiproxy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus for tests (Debian's {@code prometheus} binary): started on a free loopback port with one scrape
 * target and a 1 s interval in a temporary directory, stopped by PID and deleted on {@link #close()}.
 */
final class PrometheusProcess implements AutoCloseable {
    static final String MISSING = "prometheus not found on PATH: install the Debian package 'prometheus' "
            + "(scripts/install-test-deps.sh); the test needs a real Prometheus to scrape /metrics";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path directory;
    private final int port;

    private PrometheusProcess(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    static Optional<Path> binary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts Prometheus scraping {@code target} ({@code host:port}, path /metrics) every second; waits for ready. */
    static PrometheusProcess start(String target) throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(MISSING));
        Path dir = Files.createTempDirectory("server-prometheus-");
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "scrape_configs:\n  - job_name: 'toxiproxy'\n    metrics_path: /metrics\n"
                + "    static_configs:\n      - targets: ['" + target + "']\n");
        int port = Net.freePort();
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(process, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = prometheus.log();
                prometheus.close();
                throw new IllegalStateException("prometheus exited: " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return prometheus;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        String log = prometheus.log();
        prometheus.close();
        throw new IllegalStateException("prometheus not ready after 60s: " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(directory.resolve("log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The scrape target's health and last error, as Prometheus reports them. */
    JsonObject target() throws IOException, InterruptedException {
        JsonArray active = get("/api/v1/targets").getAsJsonObject("data").getAsJsonArray("activeTargets");
        return active.isEmpty() ? new JsonObject() : active.get(0).getAsJsonObject();
    }

    /** An instant query's result vector. */
    JsonArray query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .getAsJsonObject("data").getAsJsonArray("result");
    }

    private JsonObject get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonElement json = JsonParser.parseString(response.body());
        return json.getAsJsonObject();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
