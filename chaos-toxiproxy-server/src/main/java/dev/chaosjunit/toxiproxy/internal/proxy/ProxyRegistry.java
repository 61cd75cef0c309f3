package dev.chaosjunit.toxiproxy.internal.proxy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.Log;
import dev.chaosjunit.toxiproxy.internal.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.lang.System.Logger.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every proxy of one server by name; all API operations, serialised by one lock. */
public final class ProxyRegistry implements AutoCloseable {
    private static final System.Logger LOG = Log.logger("");
    /** Where a proxy created without {@code listen} listens (Toxiproxy would use every interface). */
    static final String DEFAULT_LISTEN = "127.0.0.1:0";

    /** {@code chaos-junit.<run>.<expiresEpochSeconds>.}: the expiring names chaos-junit gives proxies and toxics. */
    private static final Pattern EXPIRING = Pattern.compile("chaos-junit\\.[^.]+\\.(\\d{1,12})\\.");

    private final ProxyEnvironment environment;
    private final Map<String, ManagedProxy> proxies = new LinkedHashMap<>();

    public ProxyRegistry(ProxyEnvironment environment) {
        this.environment = environment;
    }

    public synchronized JsonObject listJson() {
        JsonObject json = new JsonObject();
        proxies.forEach((name, proxy) -> json.add(name, proxy.toJson()));
        return json;
    }

    /** {@code POST /proxies}. */
    public synchronized JsonObject create(JsonObject body) {
        ProxyInput input = ProxyInput.parse(body, "proxy");
        if (proxies.containsKey(input.name)) {
            throw ApiException.conflict("proxy already exists: a proxy named '" + input.name + "' exists (delete it "
                    + "first, or use POST /populate to replace proxies)");
        }
        return add(input).toJson();
    }

    private ManagedProxy add(ProxyInput input) {
        ManagedProxy proxy = new ManagedProxy(input.name, input.listen, input.upstream, environment);
        if (input.enabled) {
            proxy.start();
        }
        proxies.put(input.name, proxy);
        LOG.log(Level.DEBUG, () -> "proxy '" + Log.safe(input.name) + "' created (listen " + Log.safe(proxy.listen())
                + ", upstream " + Log.safe(input.upstream) + ", " + (proxy.enabled() ? "enabled" : "disabled") + ")");
        return proxy;
    }

    /**
     * {@code POST /populate} (and the {@code -config} file): creates the given proxies; a proxy of the same name is
     * kept when listen and upstream are unchanged and replaced otherwise, as Toxiproxy does. Input is validated
     * completely before anything changes.
     */
    public synchronized JsonArray populate(JsonElement body) {
        JsonArray array;
        if (body != null && body.isJsonArray()) {
            array = body.getAsJsonArray();
        } else if (body != null && body.isJsonObject() && body.getAsJsonObject().get("proxies") instanceof JsonArray) {
            array = body.getAsJsonObject().getAsJsonArray("proxies");
        } else {
            throw ApiException.badRequest("bad request body: populate expects a JSON array of proxies "
                    + "[{\"name\": ..., \"listen\": ..., \"upstream\": ...}], got " + abbreviate(body));
        }
        List<ProxyInput> inputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonElement element = array.get(i);
            String what = "proxy " + (i + 1) + " of " + array.size();
            if (!element.isJsonObject()) {
                throw ApiException.badRequest("bad request body: " + what + " must be a JSON object, got "
                        + abbreviate(element));
            }
            ProxyInput input = ProxyInput.parse(element.getAsJsonObject(), what);
            if (!names.add(input.name)) {
                throw ApiException.badRequest("bad request body: proxy name '" + input.name + "' appears twice");
            }
            inputs.add(input);
        }
        JsonArray created = new JsonArray();
        for (ProxyInput input : inputs) {
            ManagedProxy existing = proxies.get(input.name);
            if (existing != null) {
                if (existing.upstream().equals(input.upstream) && (existing.listen().equals(input.listen)
                        || sameAddressRequested(existing.listen(), input.listen))) {
                    created.add(existing.toJson());
                    continue;
                }
                removeProxy(input.name);
            }
            try {
                created.add(add(input).toJson());
            } catch (ApiException e) {
                throw new PopulateFailure(e, created);
            }
        }
        return created;
    }

    private static boolean sameAddressRequested(String actual, String requested) {
        return requested.endsWith(":0") && actual.startsWith(requested.substring(0, requested.length() - 1));
    }

    public synchronized JsonObject getJson(String name) {
        return get(name).toJson();
    }

    /** {@code POST /proxies/{proxy}}: fields not given keep their value. */
    public synchronized JsonObject update(String name, JsonObject body) {
        ManagedProxy proxy = get(name);
        String what = "proxy '" + name + "'";
        String listen = ProxyInput.optionalString(body, "listen", what);
        String upstream = ProxyInput.optionalString(body, "upstream", what);
        Boolean enabled = ProxyInput.optionalBoolean(body, "enabled", what);
        proxy.update(listen == null || listen.isEmpty() ? proxy.listen() : listen,
                upstream == null || upstream.isEmpty() ? proxy.upstream() : upstream,
                enabled == null ? proxy.enabled() : enabled);
        return proxy.toJson();
    }

    public synchronized void delete(String name) {
        get(name);
        removeProxy(name);
    }

    private void removeProxy(String name) {
        ManagedProxy proxy = proxies.remove(name);
        proxy.stop();
        LOG.log(Level.DEBUG, () -> "proxy '" + Log.safe(name) + "' removed");
    }

    /** {@code POST /reset}: every proxy enabled, every toxic removed. */
    public synchronized void reset() {
        for (ManagedProxy proxy : proxies.values()) {
            proxy.start();
            proxy.removeAllToxics();
        }
    }

    public synchronized JsonArray toxicsJson(String proxyName) {
        JsonArray array = new JsonArray();
        get(proxyName).toxics().forEach(t -> array.add(t.toJson()));
        return array;
    }

    public synchronized JsonObject addToxic(String proxyName, JsonObject body) {
        ManagedProxy proxy = get(proxyName);
        ToxicSpec spec = ToxicSpec.fromCreateRequest(body, proxyName);
        proxy.addToxic(spec);
        return spec.toJson();
    }

    public synchronized JsonObject toxicJson(String proxyName, String toxicName) {
        return get(proxyName).toxic(toxicName).toJson();
    }

    public synchronized JsonObject updateToxic(String proxyName, String toxicName, JsonObject body) {
        ManagedProxy proxy = get(proxyName);
        ToxicSpec updated = proxy.toxic(toxicName).updatedWith(body);
        proxy.replaceToxic(updated);
        return updated.toJson();
    }

    public synchronized void removeToxic(String proxyName, String toxicName) {
        get(proxyName).removeToxic(toxicName);
    }

    private ManagedProxy get(String name) {
        ManagedProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiException.notFound("proxy not found: no proxy named '" + name + "'"
                    + (proxies.isEmpty() ? " (there are no proxies)" : " (proxies: " + String.join(", ", proxies.keySet()) + ")"));
        }
        return proxy;
    }

    /**
     * Removes every toxic whose name carries an expiry that has passed: names of the form
     * {@code chaos-junit.<run>.<expiresEpochSeconds>.<rest>}, as chaos-junit gives them, so that a fault a crashed test
     * JVM left on a standalone server cannot outlive its own time limit. Other names are never touched, and neither
     * are proxies: a proxy without toxics only passes traffic, and a long test class may rightly use one for longer
     * than its expiry.
     *
     * @return how many toxics were removed
     */
    public synchronized int expireOverdue(long nowEpochSeconds) {
        int removed = 0;
        for (ManagedProxy proxy : proxies.values()) {
            for (ToxicSpec toxic : new ArrayList<>(proxy.toxics())) {
                if (expired(toxic.name(), nowEpochSeconds)) {
                    proxy.removeToxic(toxic.name());
                    LOG.log(Level.INFO, () -> "toxic '" + Log.safe(toxic.name()) + "' on proxy '" + Log.safe(proxy.name())
                            + "' expired: removed");
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Whether {@code name} is an expiring name whose time has passed. */
    static boolean expired(String name, long nowEpochSeconds) {
        Matcher m = EXPIRING.matcher(name);
        if (!m.lookingAt()) {
            return false;
        }
        try {
            return Long.parseLong(m.group(1)) < nowEpochSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        for (String name : new ArrayList<>(proxies.keySet())) {
            proxies.remove(name).stop();
        }
    }

    static String abbreviate(JsonElement element) {
        String text = String.valueOf(element);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** A populate request that failed part-way: the error plus the proxies created before it (Toxiproxy reports both). */
    public static final class PopulateFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiException error;
        private final transient JsonArray created;

        PopulateFailure(ApiException error, JsonArray created) {
            super(error.getMessage(), error);
            this.error = error;
            this.created = created;
        }

        public ApiException error() {
            return error;
        }

        public JsonArray created() {
            return created;
        }
    }

    /** The validated fields of a proxy in a create or populate request. */
    private static final class ProxyInput {
        final String name;
        final String listen;
        final String upstream;
        final boolean enabled;

        private ProxyInput(String name, String listen, String upstream, boolean enabled) {
            this.name = name;
            this.listen = listen;
            this.upstream = upstream;
            this.enabled = enabled;
        }

        static ProxyInput parse(JsonObject body, String what) {
            String name = optionalString(body, "name", what);
            if (name == null || name.isEmpty()) {
                throw ApiException.badRequest("missing required field: name (" + what + " needs a non-empty 'name')");
            }
            if (name.contains("/")) {
                throw ApiException.badRequest("bad request body: proxy name '" + name + "' must not contain '/'");
            }
            String described = "proxy '" + name + "'";
            String upstream = optionalString(body, "upstream", described);
            if (upstream == null || upstream.isEmpty()) {
                throw ApiException.badRequest("missing required field: upstream (" + described
                        + " needs 'upstream' as host:port)");
            }
            HostPort.parse(upstream, described + ": upstream", 1);
            String listen = optionalString(body, "listen", described);
            if (listen == null || listen.isEmpty()) {
                listen = DEFAULT_LISTEN;
            }
            HostPort.parse(listen, described + ": listen", 0);
            Boolean enabled = optionalBoolean(body, "enabled", described);
            return new ProxyInput(name, listen, upstream, enabled == null || enabled);
        }

        static String optionalString(JsonObject body, String field, String what) {
            JsonElement element = body.get(field);
            if (element == null || element.isJsonNull()) {
                return null;
            }
            if (!(element instanceof JsonPrimitive) || !((JsonPrimitive) element).isString()) {
                throw ApiException.badRequest("bad request body: " + what + ": field '" + field
                        + "' must be a string, got " + abbreviate(element));
            }
            return element.getAsString();
        }

        static Boolean optionalBoolean(JsonObject body, String field, String what) {
            JsonElement element = body.get(field);
            if (element == null || element.isJsonNull()) {
                return null;
            }
            if (!(element instanceof JsonPrimitive) || !((JsonPrimitive) element).isBoolean()) {
                throw ApiException.badRequest("bad request body: " + what + ": field '" + field
                        + "' must be true or false, got " + abbreviate(element));
            }
            return element.getAsBoolean();
        }
    }
}
