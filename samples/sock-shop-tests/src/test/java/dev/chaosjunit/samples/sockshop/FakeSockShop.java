package dev.chaosjunit.samples.sockshop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stand-in for Sock Shop's front-end on 127.0.0.1, answering the paths the shopper uses the way the real one
 * does, and enforcing what the real one needs: a session cookie ({@code md.sid}, set on the first answer), a
 * {@code logged_in} cookie from {@code GET /login} with the right basic-auth credentials before {@code POST /orders},
 * an item id the catalogue knows for {@code /detail.html} and {@code POST /cart}, a non-empty cart of this session for
 * an order. It counts orders, so a test can check that every shopper got to the end.
 */
final class FakeSockShop implements AutoCloseable {

    static final List<String> ITEM_IDS = List.of("03fef6ac-1896-4ce8-bd69-b798f85c6e0b",
            "3395a43e-2d88-40de-b95f-e00e1502085b", "510a0d7e-8e83-4193-b483-e27e09ddc34d");
    private static final Pattern CART_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final String password;
    private final Map<String, AtomicInteger> carts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> loggedIn = new ConcurrentHashMap<>();
    private final AtomicInteger orders = new AtomicInteger();

    private FakeSockShop(String password) {
        this.password = password;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A shop that accepts the demo's customer. */
    static FakeSockShop start() {
        return new FakeSockShop(Shopper.PASSWORD);
    }

    /** A shop whose customer has another password: every login fails. */
    static FakeSockShop withPassword(String password) {
        return new FakeSockShop(password);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int orders() {
        return orders.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String session = cookie(ex, "md.sid").orElse(null);
        if (session == null) {
            session = UUID.randomUUID().toString();
            ex.getResponseHeaders().add("Set-Cookie", "md.sid=" + session + "; Path=/; HttpOnly");
        }
        String route = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        switch (route) {
            case "GET /":
                html(ex, 200, "<html><head><title>WeaveSocks</title></head><body>socks</body></html>");
                return;
            case "GET /catalogue":
                StringBuilder json = new StringBuilder("[");
                for (int i = 0; i < ITEM_IDS.size(); i++) {
                    json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ITEM_IDS.get(i))
                            .append("\",\"name\":\"sock ").append(i).append("\",\"price\":").append(10 + i).append("}");
                }
                send(ex, 200, "application/json", json.append("]").toString());
                return;
            case "GET /category.html":
            case "GET /basket.html":
                html(ex, 200, "<html><head><title>WeaveSocks</title></head></html>");
                return;
            case "GET /detail.html":
                boolean known = query != null && query.startsWith("id=") && ITEM_IDS.contains(query.substring(3));
                html(ex, known ? 200 : 404, known ? "<html>detail</html>" : "<html>no such sock</html>");
                return;
            case "GET /login":
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (Shopper.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    send(ex, 401, "text/plain", "");
                    return;
                }
                loggedIn.put(session, true);
                ex.getResponseHeaders().add("Set-Cookie", "logged_in=" + session + "; Path=/; Max-Age=3600");
                send(ex, 200, "text/plain", "Cookie is set");
                return;
            case "DELETE /cart":
                carts.remove(session);
                send(ex, 202, "text/plain", "");
                return;
            case "POST /cart":
                Matcher m = CART_ID.matcher(body);
                if (!m.find() || !ITEM_IDS.contains(m.group(1))) {
                    send(ex, 500, "text/plain", "Unable to add to cart");
                    return;
                }
                carts.computeIfAbsent(session, k -> new AtomicInteger()).incrementAndGet();
                send(ex, 201, "text/plain", "");
                return;
            case "POST /orders":
                if (cookie(ex, "logged_in").isEmpty() || !loggedIn.containsKey(session)) {
                    send(ex, 500, "text/plain", "User not logged in.");
                    return;
                }
                AtomicInteger items = carts.remove(session);
                if (items == null || items.get() == 0) {
                    send(ex, 406, "application/json", "{\"error\":\"empty cart\"}");
                    return;
                }
                send(ex, 201, "application/json", "{\"id\":\"" + orders.incrementAndGet() + "\",\"items\":" + items.get()
                        + ",\"total\":14.99}");
                return;
            default:
                send(ex, 404, "text/plain", "not found: " + route);
        }
    }

    private static Optional<String> cookie(HttpExchange ex, String name) {
        List<String> headers = ex.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(name + "=")) {
                    return Optional.of(p.substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static void html(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, "text/html", text);
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
