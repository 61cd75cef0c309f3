package dev.chaosjunit.springboot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stands in for the downstream payments service: a real HTTP server on 127.0.0.1 (free port) answering
 * {@code POST /payments} with {@code {"status":"authorized"}}. Registered as an extension so that it lives as long as
 * the test run (like the cached Spring context that calls it) and is stopped when the run ends.
 */
final class PaymentsStub implements BeforeAllCallback, AutoCloseable {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PaymentsStub.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger authorized = new AtomicInteger();

    private PaymentsStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static PaymentsStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "payments-stub");
                t.setDaemon(true);
                return t;
            });
            PaymentsStub stub = new PaymentsStub(server, executor);
            server.setExecutor(executor);
            server.createContext("/payments", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"status\":\"authorized\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                stub.authorized.incrementAndGet();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the payments stand-in", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the upstream of the chaos proxy. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Publishes {@link #address()} as the system property {@code name}, for {@code ${name}} placeholders in
     * annotations such as {@code @ChaosProxy(upstream = ...)}.
     */
    PaymentsStub exportAddressAs(String name) {
        System.setProperty(name, address());
        return this;
    }

    /** Payments answered so far. */
    int authorized() {
        return authorized.get();
    }

    /** Stops the server when the whole run ends (the root store closes its values last). */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NS).getOrComputeIfAbsent(this, key -> this, PaymentsStub.class);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
