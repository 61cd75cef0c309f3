package dev.chaosjunit.prometheus.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server for tests: {@code prometheus} started as a child process on a free loopback port with a
 * generated configuration (scrape interval 1s by default, the scrape targets you pass), a temporary storage
 * directory, waited for until {@code /-/ready} answers, and stopped by PID on {@link #close()} (destroy, then
 * destroyForcibly) with its directory deleted. Start one per test class; startup takes well under a second.
 *
 * <pre>{@code
 * try (PrometheusServerProcess prometheus = PrometheusServerProcess.builder()
 *         .target("svc", "127.0.0.1:" + service.port()).start()) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(10));
 *     PrometheusClient client = PrometheusClient.builder(prometheus.url()).build();
 * }
 * }</pre>
 */
public final class PrometheusServerProcess implements AutoCloseable {

    private final Process process;
    private final Path directory;
    private final int port;
    private final Duration startupTime;
    private final int targetCount;

    private PrometheusServerProcess(Process process, Path directory, int port, Duration startupTime,
            int targetCount) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.startupTime = startupTime;
        this.targetCount = targetCount;
    }

    /** A builder with a 1s scrape interval and no targets. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, for example {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The loopback port Prometheus listens on. */
    public int port() {
        return port;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The temporary directory holding configuration, storage and log; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** From starting the process to {@code /-/ready} answering 200. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Prometheus' own log so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(directory.resolve("prometheus.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Waits until every configured target has been scraped successfully at least once ({@code up == 1}).
     *
     * @throws IllegalStateException with the targets' state and Prometheus' log when that does not happen in time
     */
    public void awaitTargetsUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/targets"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonArray active = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("data")
                        .getAsJsonArray("activeTargets");
                int up = 0;
                for (JsonElement t : active) {
                    if ("up".equals(t.getAsJsonObject().get("health").getAsString())) {
                        up++;
                    }
                }
                if (up >= targetCount) {
                    return;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Prometheus targets", e);
            }
        }
        throw new IllegalStateException("Prometheus targets not all up after " + timeout + ": " + last
                + "\nlog:\n" + log());
    }

    /** Stops the process (SIGTERM, then SIGKILL after 5s) and deletes the temporary directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures and starts a {@link PrometheusServerProcess}. */
    public static final class Builder {

        private Duration scrapeInterval = Duration.ofSeconds(1);
        private final Map<String, List<String>> jobs = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Scrape (and rule evaluation) interval, whole seconds or milliseconds; default 1s. */
        public Builder scrapeInterval(Duration interval) {
            this.scrapeInterval = interval;
            return this;
        }

        /** Adds a scrape target {@code host:port} (path {@code /metrics}) to job {@code job}. */
        public Builder target(String job, String hostPort) {
            jobs.computeIfAbsent(job, j -> new ArrayList<>()).add(hostPort);
            return this;
        }

        /** How long to wait for {@code /-/ready}; default 30s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** The generated {@code prometheus.yml}. */
        String config() {
            String interval = scrapeInterval.toMillis() + "ms";
            StringBuilder yml = new StringBuilder()
                    .append("global:\n")
                    .append("  scrape_interval: ").append(interval).append('\n')
                    .append("  scrape_timeout: ").append(interval).append('\n')
                    .append("  evaluation_interval: ").append(interval).append('\n')
                    .append("scrape_configs:\n");
            for (Map.Entry<String, List<String>> job : jobs.entrySet()) {
                yml.append("  - job_name: '").append(job.getKey()).append("'\n")
                        .append("    metrics_path: /metrics\n")
                        .append("    static_configs:\n")
                        .append("      - targets: [");
                for (int i = 0; i < job.getValue().size(); i++) {
                    yml.append(i > 0 ? ", " : "").append('\'').append(job.getValue().get(i)).append('\'');
                }
                yml.append("]\n");
            }
            if (jobs.isEmpty()) {
                yml.append("  []\n");
            }
            return yml.toString().replace("scrape_configs:\n  []", "scrape_configs: []");
        }

        /**
         * Starts Prometheus and waits until it is ready; retries on another port if the chosen one was taken in the
         * meantime.
         *
         * @throws IllegalStateException when the binary is missing or Prometheus does not become ready (with its
         *         log)
         */
        public PrometheusServerProcess start() {
            Path binary = PrometheusBinary.find()
                    .orElseThrow(() -> new IllegalStateException(PrometheusBinary.MISSING_REASON));
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                Path dir;
                try {
                    dir = Files.createTempDirectory("chaos-prometheus-");
                    Files.writeString(dir.resolve("prometheus.yml"), config(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                int port = freePort();
                try {
                    return startOnce(binary, dir, port);
                } catch (IllegalStateException e) {
                    deleteRecursively(dir);
                    failure = e;
                    if (!e.getMessage().contains("address already in use")) {
                        throw e;
                    }
                }
            }
            throw failure;
        }

        private PrometheusServerProcess startOnce(Path binary, Path dir, int port) {
            long started = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder(binary.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--storage.tsdb.retention.time=1h",
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=info")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("prometheus.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + binary + ": " + e, e);
            }
            PrometheusServerProcess server =
                    new PrometheusServerProcess(process, dir, port, Duration.ZERO, jobs.values().stream()
                            .mapToInt(List::size).sum());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(server.url() + "/-/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            long deadline = started + startTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String log = server.log();
                    throw new IllegalStateException("prometheus exited with " + process.exitValue()
                            + " before it was ready on port " + port + ": "
                            + (log.contains("address already in use") ? "address already in use; " : "") + log);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new PrometheusServerProcess(process, dir, port,
                                Duration.ofNanos(System.nanoTime() - started), server.targetCount);
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    server.close();
                    throw new IllegalStateException("interrupted while starting Prometheus", e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    server.close();
                    throw new IllegalStateException("interrupted while starting Prometheus", e);
                }
            }
            String log = server.log();
            server.close();
            throw new IllegalStateException("prometheus not ready on port " + port + " after " + startTimeout
                    + ": " + log);
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
