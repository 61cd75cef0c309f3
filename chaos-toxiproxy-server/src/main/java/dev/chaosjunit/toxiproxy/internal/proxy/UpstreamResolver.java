package dev.chaosjunit.toxiproxy.internal.proxy;

import dev.chaosjunit.toxiproxy.internal.Log;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Looks up upstream host names on threads of its own, never on an event loop and never under the server's lock,
 * so a slow or failing DNS server delays only the connections to that name. Address literals need no lookup.
 */
public final class UpstreamResolver implements AutoCloseable {
    private static final System.Logger LOG = Log.logger("net");

    /** The lookup itself (the JDK's by default; tests give their own slow one). */
    @FunctionalInterface
    public interface Lookup {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final ThreadPoolExecutor threads;

    public UpstreamResolver(Lookup lookup, String threadPrefix) {
        this.lookup = lookup;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadPrefix + "-resolver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.allowCoreThreadTimeOut(true);
    }

    /** Resolves off the caller's thread; {@code done} gets the address, or null when the name does not resolve. */
    public void resolve(String host, int port, Consumer<InetSocketAddress> done) {
        try {
            threads.execute(() -> {
                InetSocketAddress address;
                try {
                    address = new InetSocketAddress(lookup.resolve(host), port);
                } catch (UnknownHostException | RuntimeException e) {
                    LOG.log(Level.DEBUG, () -> "upstream host '" + Log.safe(host) + "' does not resolve: " + e);
                    address = null;
                }
                done.accept(address);
            });
        } catch (RejectedExecutionException e) {
            done.accept(null);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
