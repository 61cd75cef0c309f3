package dev.chaosjunit.toxiproxy.internal.api;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.Log;
import dev.chaosjunit.toxiproxy.internal.http.HttpRequest;
import dev.chaosjunit.toxiproxy.internal.http.HttpResponse;
import dev.chaosjunit.toxiproxy.internal.metrics.MetricsEndpoint;
import dev.chaosjunit.toxiproxy.internal.metrics.PrometheusText;
import dev.chaosjunit.toxiproxy.internal.proxy.ProxyRegistry;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Toxiproxy 2.x's HTTP API: same paths, JSON shapes, status codes and error bodies
 * ({@code {"error": "...", "status": N}}). {@code PATCH} is accepted wherever {@code POST} updates, as in
 * Toxiproxy 2.2+. Browser user agents and foreign {@code Host} names are refused first ({@link RequestPolicy}).
 */
public final class ApiHandler implements Function<HttpRequest, HttpResponse> {
    private static final System.Logger LOG = Log.logger("api");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String PATHS = "GET /version, POST /reset, POST /populate, GET|POST /proxies, "
            + "GET|POST|PATCH|DELETE /proxies/{proxy}, GET|POST /proxies/{proxy}/toxics, "
            + "GET|POST|PATCH|DELETE /proxies/{proxy}/toxics/{toxic}";

    private final ProxyRegistry registry;
    private final String version;
    private final RequestPolicy policy;
    private final MetricsEndpoint metrics;

    /**
     * @param version what {@code GET /version} answers (the Toxiproxy version whose API this server speaks)
     */
    public ApiHandler(ProxyRegistry registry, String version, RequestPolicy policy, MetricsEndpoint metrics) {
        this.registry = registry;
        this.version = version;
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        HttpResponse refused = policy.refusal(request);
        if (refused != null) {
            LOG.log(Level.DEBUG, () -> "API request " + Log.safe(request.method()) + " " + Log.safe(request.path())
                    + " from " + request.remote() + " refused: " + refused.status());
            return refused;
        }
        try {
            return route(request);
        } catch (ProxyRegistry.PopulateFailure failure) {
            JsonObject body = errorBody(failure.error());
            body.add("proxies", failure.created());
            return json(failure.error().status(), body);
        } catch (ApiException e) {
            return json(e.status(), errorBody(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "API request failed: " + Log.safe(request.method()) + " "
                    + Log.safe(request.path()), e);
            return json(500, errorBody(new ApiException(500, "internal error: " + e)));
        }
    }

    private HttpResponse route(HttpRequest request) {
        String method = request.method();
        List<String> path = segments(request.path());
        int n = path.size();
        if (n == 1 && path.get(0).equals("version")) {
            allow(method, "GET");
            return HttpResponse.text(200, version);
        } else if (n == 1 && path.get(0).equals("metrics") && metrics.enabled()) {
            allow(method, "GET");
            return new HttpResponse(200, PrometheusText.CONTENT_TYPE,
                    metrics.render().getBytes(StandardCharsets.UTF_8));
        } else if (n == 1 && path.get(0).equals("reset")) {
            allow(method, "POST");
            registry.reset();
            return HttpResponse.noContent();
        } else if (n == 1 && path.get(0).equals("populate")) {
            allow(method, "POST");
            JsonObject result = new JsonObject();
            result.add("proxies", registry.populate(readJson(request)));
            return json(201, result);
        } else if (n == 1 && path.get(0).equals("proxies")) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                return json(200, registry.listJson());
            }
            return json(201, registry.create(readObject(request)));
        } else if (n == 2 && path.get(0).equals("proxies")) {
            String proxy = path.get(1);
            allow(method, "GET", "POST", "PATCH", "DELETE");
            switch (method) {
                case "GET":
                    return json(200, registry.getJson(proxy));
                case "DELETE":
                    registry.delete(proxy);
                    return HttpResponse.noContent();
                default:
                    return json(200, registry.update(proxy, readObject(request)));
            }
        } else if (n == 3 && path.get(0).equals("proxies") && path.get(2).equals("toxics")) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                return json(200, registry.toxicsJson(path.get(1)));
            }
            return json(200, registry.addToxic(path.get(1), readObject(request)));
        } else if (n == 4 && path.get(0).equals("proxies") && path.get(2).equals("toxics")) {
            String proxy = path.get(1);
            String toxic = path.get(3);
            allow(method, "GET", "POST", "PATCH", "DELETE");
            switch (method) {
                case "GET":
                    return json(200, registry.toxicJson(proxy, toxic));
                case "DELETE":
                    registry.removeToxic(proxy, toxic);
                    return HttpResponse.noContent();
                default:
                    return json(200, registry.updateToxic(proxy, toxic, readObject(request)));
            }
        }
        throw ApiException.notFound("not found: there is no API path " + method + " " + request.path()
                + " (paths: " + PATHS + (metrics.enabled() ? ", GET /metrics" : "") + ")");
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
                try {
                    result.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("bad request: malformed percent-encoding in path segment '"
                            + part + "'");
                }
            }
        }
        return result;
    }

    private static JsonObject readObject(HttpRequest request) {
        JsonElement element = readJson(request);
        if (element == null || !element.isJsonObject()) {
            throw ApiException.badRequest("bad request body: expected a JSON object, got "
                    + (element == null ? "an empty body" : abbreviate(element.toString())));
        }
        return element.getAsJsonObject();
    }

    private static JsonElement readJson(HttpRequest request) {
        String text = new String(request.body(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            return StrictJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad request body: malformed JSON (" + e.getMessage() + "): "
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

    private static HttpResponse json(int status, JsonElement body) {
        return HttpResponse.json(status, GSON.toJson(body) + "\n");
    }
}
