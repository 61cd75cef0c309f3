package dev.chaosjunit.prometheus.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP service on a loopback port, instrumented with Micrometer's Prometheus registry, for tests that need a
 * Prometheus to scrape something true.
 *
 * <ul>
 *   <li>{@code GET /work}: answers 200, or 500 in {@link Mode#FAILING}, or 200 after {@link #slowDelay()} in
 *       {@link Mode#SLOW}; timed as {@code http_server_requests_seconds} (tags {@code uri}, {@code status}) with
 *       histogram buckets 5ms ... 1s.</li>
 *   <li>{@code GET /metrics}: the Prometheus exposition of the registry.</li>
 *   <li>{@code testservice_info} gauge = 1 (to see a target disappear) and {@code testservice_idle_total}, a counter
 *       that never increases (its rate is 0, so {@code rate/rate} is {@code 0/0 = NaN}).</li>
 * </ul>
 */
public final class InstrumentedService implements AutoCloseable {

    /** How {@code /work} behaves. */
    public enum Mode {
        /** 200 at once. */
        OK,
        /** 500 at once. */
        FAILING,
        /** 200 after the slow delay. */
        SLOW
    }

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "instrumented-service");
        t.setDaemon(true);
        return t;
    });
    private final Duration slowDelay;
    private volatile Mode mode = Mode.OK;

    private InstrumentedService(Duration slowDelay) {
        this.slowDelay = slowDelay;
        Gauge.builder("testservice.info", () -> 1).register(registry);
        Counter.builder("testservice.idle").register(registry);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/work", this::work);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a service whose slow mode delays answers by {@code slowDelay}. */
    public static InstrumentedService start(Duration slowDelay) {
        return new InstrumentedService(slowDelay);
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:<port>}, the scrape target. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** The URL of {@code /work}. */
    public String workUrl() {
        return "http://" + hostPort() + "/work";
    }

    /** The delay of {@link Mode#SLOW}. */
    public Duration slowDelay() {
        return slowDelay;
    }

    /** Switches how {@code /work} behaves. */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    private void work(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        Mode now = mode;
        int status = now == Mode.FAILING ? 500 : 200;
        if (now == Mode.SLOW) {
            try {
                Thread.sleep(slowDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, status, "text/plain", status == 200 ? "ok\n" : "failing\n");
        Timer.builder("http.server.requests")
                .tag("uri", "/work")
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops the server at once, its threads and the registry. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
    }
}
