package dev.chaosjunit.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 whose behaviour a test switches at run time: healthy, failing with 500, or slow.
 * {@code GET /health} answers {@code {"status":"UP"}} (or {@code DOWN} while failing).
 */
public final class SwitchableServer implements AutoCloseable {

    public enum Mode { OK, FAIL, SLOW }

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "switchable-server");
        t.setDaemon(true);
        return t;
    });
    private volatile Mode mode = Mode.OK;
    private volatile long slowMillis = 300;

    private SwitchableServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Mode m = mode;
                boolean health = exchange.getRequestURI().getPath().equals("/health");
                if (m == Mode.SLOW) {
                    Thread.sleep(slowMillis);
                }
                int status = m == Mode.FAIL && !health ? 500 : 200;
                String body = health ? "{\"status\":\"" + (m == Mode.FAIL ? "DOWN" : "UP") + "\"}" : "ok";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public static SwitchableServer start() {
        return new SwitchableServer();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://" + address() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
