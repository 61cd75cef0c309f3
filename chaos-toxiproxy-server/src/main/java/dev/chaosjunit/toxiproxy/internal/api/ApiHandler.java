package dev.chaosjunit.toxiproxy.internal.api;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.proxy.ProxyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Toxiproxy 2.x's HTTP API on the JDK's HTTP server: same paths, JSON shapes, status codes and error bodies
 * ({@code {"error": "...", "status": N}}). {@code PATCH} is accepted wherever {@code POST} updates, as in
 * Toxiproxy 2.2+.
 */
public final class ApiHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final Gson GSON = new Gson();
    private static final int MAX_BODY = 1024 * 1024;
    private static final String PATHS = "GET /version, POST /reset, POST /populate, GET|POST /proxies, "
            + "GET|POST|PATCH|DELETE /proxies/{proxy}, GET|POST /proxies/{proxy}/toxics, "
            + "GET|POST|PATCH|DELETE /proxies/{proxy}/toxics/{toxic}";

    private final ProxyRegistry registry;
    private final String version;

    public ApiHandler(ProxyRegistry registry, String version) {
        this.registry = registry;
        this.version = version;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (ProxyRegistry.PopulateFailure failure) {
                JsonObject body = errorBody(failure.error());
                body.add("proxies", failure.created());
                send(exchange, failure.error().status(), body);
            } catch (ApiException e) {
                send(exchange, e.status(), errorBody(e));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "API request failed: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI(), e);
                send(exchange, 500, errorBody(new ApiException(500, "internal error: " + e)));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        int n = path.size();
        if (n == 1 && path.get(0).equals("version")) {
            allow(method, "GET");
            sendText(exchange, version);
        } else if (n == 1 && path.get(0).equals("reset")) {
            allow(method, "POST");
            registry.reset();
            sendNoContent(exchange);
        } else if (n == 1 && path.get(0).equals("populate")) {
            allow(method, "POST");
            JsonObject result = new JsonObject();
            result.add("proxies", registry.populate(readJson(exchange)));
            send(exchange, 201, result);
        } else if (n == 1 && path.get(0).equals("proxies")) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                send(exchange, 200, registry.listJson());
            } else {
                send(exchange, 201, registry.create(readObject(exchange)));
            }
        } else if (n == 2 && path.get(0).equals("proxies")) {
            String proxy = path.get(1);
            allow(method, "GET", "POST", "PATCH", "DELETE");
            switch (method) {
                case "GET":
                    send(exchange, 200, registry.getJson(proxy));
                    break;
                case "DELETE":
                    registry.delete(proxy);
                    sendNoContent(exchange);
                    break;
                default:
                    send(exchange, 200, registry.update(proxy, readObject(exchange)));
                    break;
            }
        } else if (n == 3 && path.get(0).equals("proxies") && path.get(2).equals("toxics")) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                send(exchange, 200, registry.toxicsJson(path.get(1)));
            } else {
                send(exchange, 200, registry.addToxic(path.get(1), readObject(exchange)));
            }
        } else if (n == 4 && path.get(0).equals("proxies") && path.get(2).equals("toxics")) {
            String proxy = path.get(1);
            String toxic = path.get(3);
            allow(method, "GET", "POST", "PATCH", "DELETE");
            switch (method) {
                case "GET":
                    send(exchange, 200, registry.toxicJson(proxy, toxic));
                    break;
                case "DELETE":
                    registry.removeToxic(proxy, toxic);
                    sendNoContent(exchange);
                    break;
                default:
                    send(exchange, 200, registry.updateToxic(proxy, toxic, readObject(exchange)));
                    break;
            }
        } else {
            throw ApiException.notFound("not found: there is no API path " + method + " "
                    + exchange.getRequestURI().getPath() + " (paths: " + PATHS + ")");
        }
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new ApiException(405, "method not allowed: " + method + " (allowed here: " + String.join(", ", allowed)
                + ")");
    }

    private static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                result.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static JsonObject readObject(HttpExchange exchange) throws IOException {
        JsonElement element = readJson(exchange);
        if (element == null || !element.isJsonObject()) {
            throw ApiException.badRequest("bad request body: expected a JSON object, got "
                    + (element == null ? "an empty body" : abbreviate(element.toString())));
        }
        return element.getAsJsonObject();
    }

    private static JsonElement readJson(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "bad request body: larger than " + MAX_BODY + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw ApiException.badRequest("bad request body: malformed JSON (" + cause.getMessage() + "): "
                    + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }

    private static JsonObject errorBody(ApiException e) {
        JsonObject body = new JsonObject();
        body.addProperty("error", e.getMessage());
        body.addProperty("status", e.status());
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonElement body) throws IOException {
        byte[] bytes = (GSON.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendText(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendNoContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }
}
