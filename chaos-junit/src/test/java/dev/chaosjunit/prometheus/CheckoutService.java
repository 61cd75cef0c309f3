package dev.chaosjunit.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A real service with a real dependency: {@code GET /checkout} calls {@code GET /pay} on the payments service (through
 * whatever base URL the supplier gives, typically a chaos proxy) with a 1s timeout and answers 200, or 503 when the
 * call failed. Instrumented with Micrometer's Prometheus registry ({@code http_server_requests_seconds} with a
 * {@code status} tag and histogram buckets), served on {@code /metrics}.
 */
final class CheckoutService implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "checkout-service");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Supplier<String> payments;

    private CheckoutService(Supplier<String> payments) {
        this.payments = payments;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/checkout", this::checkout);
        server.createContext("/metrics", ex -> respond(ex, 200, registry.scrape()));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts the service; {@code payments} gives the payments base URL when a request needs it. */
    static CheckoutService start(Supplier<String> payments) {
        return new CheckoutService(payments);
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return "http://" + hostPort() + path;
    }

    private void checkout(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status;
        try {
            HttpResponse<Void> paid = client.send(HttpRequest.newBuilder(URI.create(payments.get() + "/pay"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            status = paid.statusCode() == 200 ? 200 : 503;
        } catch (IOException e) {
            status = 503;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        respond(exchange, status, status == 200 ? "ordered\n" : "payments unavailable\n");
        Timer.builder("http.server.requests").tag("uri", "/checkout").tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        registry.close();
    }
}
