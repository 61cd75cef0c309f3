package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.Log;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * What keeps the server answering when the process runs out of file descriptors. A few descriptors are held in
 * reserve (unbound datagram channels); when {@code accept} or a connect fails for lack of descriptors, proxy
 * listeners stop accepting for a back-off (10 ms doubling to 1 s, reset by the next success) instead of spinning
 * on the error, and the API may spend a reserved descriptor to accept its own connection. Proxy listeners accept
 * again only once the reserve is whole, so proxied connections cannot take the API's last descriptors.
 */
public final class DescriptorReserve implements AutoCloseable {
    private static final System.Logger LOG = Log.logger("net");
    static final long MIN_BACKOFF_NANOS = 10_000_000L;
    static final long MAX_BACKOFF_NANOS = 1_000_000_000L;
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final int size;
    private final ArrayDeque<DatagramChannel> held = new ArrayDeque<>();
    private volatile boolean whole;
    private volatile long pausedUntilNanos = System.nanoTime();
    private long backoffNanos = MIN_BACKOFF_NANOS;
    private long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;
    private long failuresSinceWarn;
    private boolean closed;

    public DescriptorReserve(int size) {
        this.size = size;
        DataPathClasses.preload(); // while descriptors are free: see DataPathClasses
        refill();
    }

    /** Whether an I/O error is the process (or system) running out of file descriptors. */
    public static boolean isExhaustion(Throwable e) {
        String message = e.getMessage();
        return message != null && message.contains("Too many open files");
    }

    /** Whether a proxy listener may accept now: not in back-off, and the reserve is whole (refilled if possible). */
    public boolean proxiesMayAccept() {
        if (System.nanoTime() - pausedUntilNanos < 0) {
            return false;
        }
        return whole || refill();
    }

    /** Nanoseconds until a paused listener should look again. */
    public long retryDelayNanos() {
        long delay = pausedUntilNanos - System.nanoTime();
        return Math.max(delay, MIN_BACKOFF_NANOS);
    }

    /** Descriptors ran out (accept or connect failed): back off, doubling, and warn at most every 10 s. */
    public synchronized void exhausted(String where) {
        long now = System.nanoTime();
        pausedUntilNanos = now + backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
        failuresSinceWarn++;
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
            long failures = failuresSinceWarn;
            failuresSinceWarn = 0;
            lastWarnNanos = now;
            LOG.log(Level.WARNING, () -> "out of file descriptors (" + Log.safe(where) + ", " + failures
                    + " time(s) since the last warning): new proxy connections wait; raise 'ulimit -n'");
        }
    }

    /** An accept succeeded: the back-off starts small again. */
    public void succeeded() {
        if (backoffNanos != MIN_BACKOFF_NANOS) {
            synchronized (this) {
                backoffNanos = MIN_BACKOFF_NANOS;
            }
        }
    }

    /** Gives one reserved descriptor back to the process (for the API's own accept); false when none is left. */
    public synchronized boolean releaseOne() {
        DatagramChannel channel = held.poll();
        if (channel == null) {
            return false;
        }
        whole = false;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a reserved descriptor", e);
        }
        return true;
    }

    /** Opens reserved descriptors until the reserve is whole or none is free; returns whether it is whole. */
    public synchronized boolean refill() {
        while (!closed && held.size() < size) {
            try {
                held.add(DatagramChannel.open());
            } catch (IOException e) {
                break;
            }
        }
        whole = held.size() >= size;
        return whole;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (DatagramChannel channel : held) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a reserved descriptor", e);
            }
        }
        held.clear();
        whole = false;
    }
}
