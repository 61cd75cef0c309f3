package dev.chaosjunit.toxiproxy.internal.net;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes all connections of a server may hold in memory at once (data a toxic holds back, data a slow
 * receiver has not taken yet). Past the limit, connections stop reading until the total falls again, so a capped
 * heap ({@code -Xmx64m}) carries any number of connections: the data waits in the kernel's socket buffers and
 * TCP's flow control slows the senders, instead of the server running out of memory. The default limit is a
 * quarter of the maximum heap.
 */
public final class MemoryBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    /** A quarter of the JVM's maximum heap, at least 4 MiB. */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Math.max(4L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    /** Whether connections should stop reading. */
    boolean exhausted() {
        return held.get() >= limit;
    }

    void add(long bytes) {
        if (bytes != 0) {
            held.addAndGet(bytes);
        }
    }

    /** Bytes held now (tests, metrics). */
    public long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
