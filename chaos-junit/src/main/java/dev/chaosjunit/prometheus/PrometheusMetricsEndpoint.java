package dev.chaosjunit.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves the meters of a Micrometer {@link MeterRegistry} in Prometheus' text format on {@code /metrics}, so a
 * Prometheus server can scrape the test JVM (for example the load driver's meters) next to the system under test.
 * A tiny {@code com.sun.net.httpserver} on one daemon thread; stop it with {@link #close()}.
 *
 * <pre>{@code
 * CompositeMeterRegistry meters = new CompositeMeterRegistry();
 * try (PrometheusMetricsEndpoint endpoint = PrometheusMetricsEndpoint.start(meters)) {
 *     // scrape target: endpoint.hostPort(), path /metrics
 * }
 * }</pre>
 *
 * <p>Needs {@code io.micrometer:micrometer-registry-prometheus} on the class path (an optional dependency of
 * chaos-junit). Accepts a {@link PrometheusMeterRegistry} (served as is) or a {@link CompositeMeterRegistry} (a
 * Prometheus registry is added to it for as long as the endpoint runs, so existing and future meters are served).
 * A composite keeps no values of its own: what was recorded before the endpoint started is not seen, so start it
 * before the load.
 */
public final class PrometheusMetricsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry prometheusRegistry;
    private final CompositeMeterRegistry composite;

    private PrometheusMetricsEndpoint(PrometheusMeterRegistry prometheusRegistry, CompositeMeterRegistry composite,
            InetSocketAddress address) {
        this.prometheusRegistry = prometheusRegistry;
        this.composite = composite;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chaos-prometheus-metrics-endpoint");
            t.setDaemon(true);
            return t;
        });
        try {
            this.server = HttpServer.create(address, 16);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("could not open the metrics endpoint on " + address + ": " + e, e);
        }
        server.createContext("/metrics", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code registry} on a free port of 127.0.0.1. */
    public static PrometheusMetricsEndpoint start(MeterRegistry registry) {
        return start(registry, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * Serves {@code registry} on {@code address}.
     *
     * @throws IllegalArgumentException when the registry is neither a {@link PrometheusMeterRegistry} nor a
     *         {@link CompositeMeterRegistry}
     */
    public static PrometheusMetricsEndpoint start(MeterRegistry registry, InetSocketAddress address) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(address, "address");
        if (registry instanceof PrometheusMeterRegistry) {
            return new PrometheusMetricsEndpoint((PrometheusMeterRegistry) registry, null, address);
        }
        if (registry instanceof CompositeMeterRegistry) {
            CompositeMeterRegistry composite = (CompositeMeterRegistry) registry;
            PrometheusMeterRegistry child = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            composite.add(child);
            try {
                return new PrometheusMetricsEndpoint(child, composite, address);
            } catch (RuntimeException e) {
                composite.remove(child);
                child.close();
                throw e;
            }
        }
        throw new IllegalArgumentException("a " + registry.getClass().getSimpleName() + " cannot be served to "
                + "Prometheus: expected a PrometheusMeterRegistry, or a CompositeMeterRegistry (a Prometheus "
                + "registry is then added to it)");
    }

    /** The port the endpoint listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code host:port}, the scrape target to put into a Prometheus configuration. */
    public String hostPort() {
        return server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** The full URL of the metrics page. */
    public String url() {
        return "http://" + hostPort() + "/metrics";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = prometheusRegistry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops the server and its thread; a Prometheus registry added to a composite is removed and closed. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (composite != null) {
            composite.remove(prometheusRegistry);
            prometheusRegistry.close();
        }
    }
}
