package dev.chaosjunit.toxiproxy.internal.proxy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.net.Connection;
import dev.chaosjunit.toxiproxy.internal.net.ConnectionOwner;
import dev.chaosjunit.toxiproxy.internal.net.EventLoopGroup;
import dev.chaosjunit.toxiproxy.internal.net.Listener;
import dev.chaosjunit.toxiproxy.internal.toxic.ToxicSpec;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One named proxy: listen address, upstream, enabled flag, toxics, listener and live connections. Changes come
 * from the API under the {@link ProxyRegistry}'s lock; they reach live connections on their event loops before
 * the call returns (as Toxiproxy waits for every link).
 */
public final class ManagedProxy implements ConnectionOwner {
    private static final Logger LOG = Logger.getLogger("dev.chaosjunit.toxiproxy");

    private final String name;
    private final EventLoopGroup loops;
    private final long seed;
    private final AtomicLong connectionCounter = new AtomicLong();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private String listen;
    private String upstream;
    private volatile InetSocketAddress upstreamAddress;
    private boolean enabled;
    private volatile List<ToxicSpec> toxics = List.of();
    private Listener listener;
    private volatile boolean accepting;

    ManagedProxy(String name, String listen, String upstream, EventLoopGroup loops, long seed) {
        this.name = name;
        this.loops = loops;
        this.seed = seed;
        this.listen = listen;
        setUpstream(upstream);
    }

    public String name() {
        return name;
    }

    String listen() {
        return listen;
    }

    String upstream() {
        return upstream;
    }

    boolean enabled() {
        return enabled;
    }

    private void setUpstream(String value) {
        HostPort parsed = HostPort.parse(value, "proxy '" + name + "': upstream", 1);
        this.upstream = value;
        this.upstreamAddress = parsed.connectAddress();
    }

    /** Binds the listen address and starts accepting; no-op when already enabled. */
    void start() {
        if (listener != null) {
            return;
        }
        String what = "proxy '" + name + "': listen";
        InetSocketAddress address = HostPort.parse(listen, what, 0).bindAddress(what);
        try {
            listener = Listener.bind(address, loops, this, this::nextConnectionRandom);
        } catch (BindException e) {
            throw ApiException.conflict("listen address in use: proxy '" + name + "' cannot listen on " + listen + " ("
                    + e.getMessage() + "); choose another port or 127.0.0.1:0 for a free one");
        } catch (IOException e) {
            throw ApiException.badRequest("bad request body: proxy '" + name + "' cannot listen on " + listen + ": " + e);
        }
        listen = HostPort.format(listener.boundAddress());
        enabled = true;
        accepting = true;
        LOG.info(() -> "proxy '" + name + "' listening on " + listen + ", upstream " + upstream);
    }

    /** Closes the listener and every live connection; no-op when already disabled. */
    void stop() {
        enabled = false;
        accepting = false;
        if (listener != null) {
            listener.close();
            listener = null;
            LOG.info(() -> "proxy '" + name + "' stopped listening on " + listen);
        }
        closeConnections();
    }

    private void closeConnections() {
        List<Connection> live = new ArrayList<>(connections);
        forEachOnLoop(live, Connection::close);
    }

    /**
     * Applies an update: a new listen address moves the listener, a new upstream closes live connections (new ones
     * go to the new upstream), then {@code enabled} starts or stops the proxy.
     */
    void update(String newListen, String newUpstream, boolean newEnabled) {
        HostPort.parse(newListen, "proxy '" + name + "': listen", 0);
        HostPort.parse(newUpstream, "proxy '" + name + "': upstream", 1);
        if (!newListen.equals(listen)) {
            stop();
            listen = newListen;
        }
        if (!newUpstream.equals(upstream)) {
            closeConnections();
            setUpstream(newUpstream);
            LOG.info(() -> "proxy '" + name + "' upstream is now " + upstream);
        }
        if (newEnabled) {
            start();
        } else {
            stop();
        }
    }

    // ---- toxics ---------------------------------------------------------------------------------------------------

    public List<ToxicSpec> toxics() {
        return toxics;
    }

    ToxicSpec toxic(String toxicName) {
        return toxics.stream().filter(t -> t.name().equals(toxicName)).findFirst()
                .orElseThrow(() -> ApiException.notFound("toxic not found: proxy '" + name + "' has no toxic '"
                        + toxicName + "'" + knownToxics()));
    }

    private String knownToxics() {
        return toxics.isEmpty() ? " (it has no toxics)"
                : " (its toxics: " + String.join(", ", toxics.stream().map(ToxicSpec::name).toArray(String[]::new)) + ")";
    }

    void addToxic(ToxicSpec spec) {
        if (toxics.stream().anyMatch(t -> t.name().equals(spec.name()))) {
            throw ApiException.conflict("toxic already exists: proxy '" + name + "' already has a toxic named '"
                    + spec.name() + "'");
        }
        List<ToxicSpec> next = new ArrayList<>(toxics);
        next.add(spec);
        replaceToxics(next);
    }

    void replaceToxic(ToxicSpec updated) {
        List<ToxicSpec> next = new ArrayList<>(toxics);
        next.replaceAll(t -> t.name().equals(updated.name()) ? updated : t);
        replaceToxics(next);
    }

    void removeToxic(String toxicName) {
        ToxicSpec existing = toxic(toxicName);
        List<ToxicSpec> next = new ArrayList<>(toxics);
        next.remove(existing);
        replaceToxics(next);
    }

    void removeAllToxics() {
        if (!toxics.isEmpty()) {
            replaceToxics(List.of());
        }
    }

    private void replaceToxics(List<ToxicSpec> next) {
        toxics = List.copyOf(next);
        forEachOnLoop(new ArrayList<>(connections), Connection::applyToxics);
    }

    private static void forEachOnLoop(List<Connection> live, java.util.function.Consumer<Connection> action) {
        if (live.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(live.size());
        for (Connection connection : live) {
            connection.loop().execute(() -> {
                try {
                    action.accept(connection);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- ConnectionOwner ------------------------------------------------------------------------------------------

    @Override
    public InetSocketAddress upstreamAddress() {
        InetSocketAddress address = upstreamAddress;
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }

    @Override
    public boolean accepting() {
        return accepting;
    }

    @Override
    public void opened(Connection connection) {
        connections.add(connection);
    }

    @Override
    public void closed(Connection connection) {
        connections.remove(connection);
    }

    /** The n-th connection of this proxy (over its whole life) draws from (seed, name, n): repeatable runs. */
    private SplittableRandom nextConnectionRandom() {
        long n = connectionCounter.getAndIncrement();
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode() * 0xC2B2AE3D27D4EB4FL + n);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("listen", listen);
        json.addProperty("upstream", upstream);
        json.addProperty("enabled", enabled);
        JsonArray array = new JsonArray();
        toxics.forEach(t -> array.add(t.toJson()));
        json.add("toxics", array);
        return json;
    }
}
