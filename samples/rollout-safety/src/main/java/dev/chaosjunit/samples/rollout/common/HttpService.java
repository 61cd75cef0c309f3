package dev.chaosjunit.samples.rollout.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP plumbing both services share: a JDK {@link HttpServer} with a worker pool, {@code /health} (the
 * readiness endpoint: 200 {@code {"status":"UP"}} or 503 {@code {"status":"DOWN"}}), {@code /metrics} (Prometheus
 * text format) and a {@code http_server_requests_seconds} histogram of every request by {@code uri} and
 * {@code status}, the metric a Prometheus check of a rollout reads.
 */
public final class HttpService implements AutoCloseable {

    /** An answer: status and JSON body. */
    public record Response(int status, String json) {
    }

    /** Handles one request of a route. */
    @FunctionalInterface
    public interface Route {
        Response handle(HttpExchange exchange) throws IOException;
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService workers;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * Binds (not yet serving) on {@code address}; {@code ready} decides what {@code /health} answers.
     *
     * @param workers how many requests are served at once (a slow downstream holds one worker per request)
     */
    public HttpService(String name, InetSocketAddress address, int workers, BooleanSupplier ready) {
        this.name = name;
        try {
            this.server = HttpServer.create(address, 128);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": could not listen on " + address + ": " + e.getMessage(), e);
        }
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, name + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(this.workers);
        route("/health", exchange -> ready.getAsBoolean()
                ? new Response(200, "{\"status\":\"UP\"}")
                : new Response(503, "{\"status\":\"DOWN\"}"));
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            send(exchange, 200, body);
        });
    }

    /** The registry behind {@code /metrics}, for a service's own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Serves {@code path} exactly (any other path under it is a 404), timing every request; a route that throws
     * answers 500 with the error.
     */
    public HttpService route(String path, Route route) {
        server.createContext(path, timed(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                return new Response(404, "{\"error\":\"no such path: " + exchange.getRequestURI().getPath() + "\"}");
            }
            return route.handle(exchange);
        }));
        return this;
    }

    private HttpHandler timed(String uri, Route route) {
        return exchange -> {
            long start = System.nanoTime();
            Response response;
            try {
                exchange.getRequestBody().readAllBytes();
                response = route.handle(exchange);
            } catch (RuntimeException | IOException e) {
                response = new Response(500, "{\"error\":\"" + Json.escape(String.valueOf(e)) + "\"}");
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            send(exchange, response.status(), response.json().getBytes(StandardCharsets.UTF_8));
            Timer.builder("http.server.requests")
                    .description("requests served, by path and status")
                    .tag("uri", uri)
                    .tag("method", exchange.getRequestMethod())
                    .tag("status", Integer.toString(response.status()))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        };
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Starts serving. */
    public HttpService start() {
        server.start();
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port} of the listening address ({@code localhost} when listening on every interface). */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
        return "http://" + host + ":" + port();
    }

    /** Stops at once (requests in flight are cut). */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        registry.close();
    }

    @Override
    public String toString() {
        return name + " on " + server.getAddress();
    }
}
