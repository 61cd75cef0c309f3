package dev.chaosjunit.toxiproxy.internal.proxy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.Log;
import dev.chaosjunit.toxiproxy.internal.metrics.Traffic;
import dev.chaosjunit.toxiproxy.internal.net.Connection;
import dev.chaosjunit.toxiproxy.internal.net.ConnectionOwner;
import dev.chaosjunit.toxiproxy.internal.net.Listener;
import dev.chaosjunit.toxiproxy.internal.toxic.StreamDirection;
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
import java.util.function.Consumer;
import java.lang.System.Logger.Level;

/**
 * One named proxy: listen address, upstream, enabled flag, toxics, listener and live connections. Changes come
 * from the API under the {@link ProxyRegistry}'s lock; they reach live connections on their event loops before
 * the call returns (as Toxiproxy waits for every link).
 */
public final class ManagedProxy implements ConnectionOwner {
    private static final System.Logger LOG = Log.logger("");
    /** How long a looked-up upstream address is reused by new connections before it is looked up again. */
    private static final long RESOLVED_TTL_NANOS = 5_000_000_000L;

    private final String name;
    private final ProxyEnvironment environment;
    private final AtomicLong connectionCounter = new AtomicLong();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile String listen;
    private volatile String upstream;
    private volatile HostPort upstreamHostPort;
    /** The upstream as an address literal, or the last lookup's result while it is fresh; null otherwise. */
    private volatile InetSocketAddress upstreamAddress;
    private volatile long upstreamResolvedAtNanos;
    private volatile Traffic[] traffic;
    private boolean enabled;
    private volatile List<ToxicSpec> toxics = List.of();
    private Listener listener;
    private volatile boolean accepting;

    ManagedProxy(String name, String listen, String upstream, ProxyEnvironment environment) {
        this.name = name;
        this.environment = environment;
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

    /** Sets the upstream without looking its name up (that happens off the loops, per connection). */
    private void setUpstream(String value) {
        HostPort parsed = HostPort.parse(value, "proxy '" + name + "': upstream", 1);
        this.upstream = value;
        this.upstreamHostPort = parsed;
        this.upstreamAddress = parsed.literalAddress();
        updateTraffic();
    }

    /** The byte counters of the current label set (listen and upstream are labels). */
    private void updateTraffic() {
        traffic = null; // made again, with the new labels, by the next connection
    }

    /** Binds the listen address and starts accepting; no-op when already enabled. */
    void start() {
        if (listener != null) {
            return;
        }
        String what = "proxy '" + name + "': listen";
        InetSocketAddress address = HostPort.parse(listen, what, 0).bindAddress(what);
        try {
            listener = Listener.bind(address, environment.loops(), this, this::nextConnectionRandom,
                    environment.resources());
        } catch (BindException e) {
            throw ApiException.conflict("listen address in use: proxy '" + name + "' cannot listen on " + listen + " ("
                    + e.getMessage() + "); choose another port or 127.0.0.1:0 for a free one");
        } catch (IOException e) {
            throw ApiException.badRequest("bad request body: proxy '" + name + "' cannot listen on " + listen + ": " + e);
        }
        listen = HostPort.format(listener.boundAddress());
        updateTraffic();
        enabled = true;
        accepting = true;
        LOG.log(Level.DEBUG, () -> "proxy '" + Log.safe(name) + "' listening on " + Log.safe(listen) + ", upstream "
                + Log.safe(upstream));
    }

    /** Closes the listener and every live connection; no-op when already disabled. */
    void stop() {
        enabled = false;
        accepting = false;
        if (listener != null) {
            listener.close();
            listener = null;
            LOG.log(Level.DEBUG, () -> "proxy '" + Log.safe(name) + "' stopped listening on " + Log.safe(listen));
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
            updateTraffic();
        }
        if (!newUpstream.equals(upstream)) {
            closeConnections();
            setUpstream(newUpstream);
            LOG.log(Level.DEBUG, () -> "proxy '" + Log.safe(name) + "' upstream is now " + Log.safe(upstream));
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
        if (address == null) {
            return null;
        }
        HostPort target = upstreamHostPort;
        if (target.literalAddress() == null && System.nanoTime() - upstreamResolvedAtNanos > RESOLVED_TTL_NANOS) {
            return null; // a looked-up address gone stale: look it up again (off the loop)
        }
        return address;
    }

    @Override
    public void resolveUpstream(Consumer<InetSocketAddress> done) {
        HostPort target = upstreamHostPort;
        environment.resolver().resolve(target.connectHost(), target.port, resolved -> {
            if (resolved != null && target == upstreamHostPort) {
                upstreamResolvedAtNanos = System.nanoTime();
                upstreamAddress = resolved;
            }
            done.accept(resolved);
        });
    }

    @Override
    public Traffic traffic(StreamDirection direction) {
        if (environment.metrics() == null) {
            return null;
        }
        Traffic[] current = traffic;
        if (current == null) {
            current = new Traffic[] {
                environment.metrics().traffic("upstream", name, listen, upstream),
                environment.metrics().traffic("downstream", name, listen, upstream)};
            traffic = current;
        }
        return current[direction == StreamDirection.UPSTREAM ? 0 : 1];
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
        return new SplittableRandom(environment.seed() * 0x9E3779B97F4A7C15L + name.hashCode() * 0xC2B2AE3D27D4EB4FL + n);
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
