package dev.chaosjunit.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "orders" API: {@code POST /orders} creates an order and asks payments to authorize it, answering
 * {@code 201 {"order":"o-1","payment":"authorized"}}, {@code 202 {...,"payment":"pending"}} or {@code 502} when
 * payments failed.
 */
public final class OrdersService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final PaymentsClient payments;
    private final AtomicLong ids = new AtomicLong();

    private OrdersService(PaymentsClient payments) throws IOException {
        this.payments = payments;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // a request may wait its payments timeout (300ms): at 20 orders/s that is 6 threads busy on average, so 8
        // ran at 75% and queued orders behind each other as soon as a busy machine added a little to each; sized
        // with headroom, the service's own queue does not decide its SLO
        this.executor = Executors.newFixedThreadPool(64);
        server.setExecutor(executor);
        server.createContext("/orders", this::order);
        server.start();
    }

    /** Starts on 127.0.0.1 on a free port, calling payments through {@code payments}. */
    public static OrdersService start(PaymentsClient payments) {
        try {
            return new OrdersService(payments);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the orders service", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void order(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String id = "o-" + ids.incrementAndGet();
        int status;
        String body;
        try {
            String payment = payments.authorize(id, 4200);
            status = payment.equals("authorized") ? 201 : 202;
            body = "{\"order\":\"" + id + "\",\"payment\":\"" + payment + "\"}";
        } catch (Exception e) {
            status = 502;
            body = "{\"order\":\"" + id + "\",\"error\":\"payments failed: " + e.getClass().getSimpleName() + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
