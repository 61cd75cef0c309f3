package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.RunIds;
import dev.chaosjunit.fault.ShutdownGuard;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.ToxiproxyBackend;
import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The proxies of one scope (a test class, or one programmatic extension): declared names and upstreams, created on
 * the server on first use, deleted on {@link #close()} (or by the JVM shutdown hook).
 */
public final class ProxyCatalog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");
    private static final AtomicInteger INDEX = new AtomicInteger();

    private final Map<String, String> upstreams;
    private final Supplier<ToxiproxyBackend> backend;
    private final Duration expiry;
    private final Runnable onClose;
    private final Map<String, Created> created = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param upstreams proxy name to validated {@code host:port}
     * @param backend the server, obtained on first use
     * @param expiry how long a crashed run's leftover proxy may live on an external server
     */
    public ProxyCatalog(Map<String, String> upstreams, Supplier<ToxiproxyBackend> backend, Duration expiry) {
        this(upstreams, backend, expiry, () -> { });
    }

    /** As above, with {@code onClose} run when the catalog is closed. */
    public ProxyCatalog(Map<String, String> upstreams, Supplier<ToxiproxyBackend> backend, Duration expiry,
            Runnable onClose) {
        this.upstreams = Map.copyOf(upstreams);
        this.backend = backend;
        this.expiry = expiry;
        this.onClose = onClose;
    }

    public Set<String> names() {
        return upstreams.keySet();
    }

    public boolean contains(String name) {
        return upstreams.containsKey(name);
    }

    public String upstream(String name) {
        return upstreams.get(name);
    }

    /** The proxy's address, creating it on the server if needed. */
    public ProxyAddress address(String name) {
        return created(name).address;
    }

    /** The toxiproxy-java handle of the proxy, creating it on the server if needed. */
    public Proxy proxy(String name) {
        return created(name).proxy;
    }

    /** The backend's description, once a proxy was created. */
    public synchronized String backendDescription() {
        return created.isEmpty() ? "none yet" : created.values().iterator().next().backend.description();
    }

    private synchronized Created created(String name) {
        if (closed) {
            throw new IllegalStateException("the proxies of this scope were already deleted");
        }
        Created c = created.get(name);
        if (c != null) {
            return c;
        }
        String upstream = upstreams.get(name);
        if (upstream == null) {
            throw new IllegalArgumentException("no proxy named \"" + name + "\": declared proxies are "
                    + upstreams.keySet());
        }
        ToxiproxyBackend b = backend.get();
        String serverName = RunIds.name(Instant.now().plus(expiry), "proxy-" + name);
        Proxy proxy;
        try {
            proxy = b.client().createProxy(serverName, b.listenFor(INDEX.getAndIncrement()), upstream);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("chaos-junit could not create proxy \"" + name + "\" (to "
                    + upstream + ") on " + b.description() + ": " + e.getMessage(), e);
        }
        ProxyAddress address = b.reachableAt(name, proxy.getListen());
        c = new Created(b, proxy, address);
        created.put(name, c);
        ShutdownGuard.register(ShutdownGuard.Stage.PROXIES, c, c::delete);
        LOG.log(Level.DEBUG, "chaos-junit: proxy " + name + " at " + address + " -> " + upstream + " ("
                + serverName + ")");
        return c;
    }

    @Override
    public synchronized void close() {
        closed = true;
        onClose.run();
        for (Created c : created.values()) {
            c.delete();
            ShutdownGuard.unregister(ShutdownGuard.Stage.PROXIES, c);
        }
        created.clear();
    }

    private static final class Created {
        final ToxiproxyBackend backend;
        final Proxy proxy;
        final ProxyAddress address;

        Created(ToxiproxyBackend backend, Proxy proxy, ProxyAddress address) {
            this.backend = backend;
            this.proxy = proxy;
            this.address = address;
        }

        void delete() {
            try {
                proxy.delete();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "chaos-junit: could not delete proxy " + proxy.getName() + ": " + e);
            }
        }
    }
}
