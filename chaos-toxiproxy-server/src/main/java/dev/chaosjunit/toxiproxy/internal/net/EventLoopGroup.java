package dev.chaosjunit.toxiproxy.internal.net;

import java.util.concurrent.atomic.AtomicInteger;

/** A fixed set of event loops (one per core by default); connections are spread over them round-robin. */
public final class EventLoopGroup implements AutoCloseable {
    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    public EventLoopGroup(int size, String namePrefix) {
        if (size < 1) {
            throw new IllegalArgumentException("event loop count must be >= 1, got " + size);
        }
        loops = new EventLoop[size];
        for (int i = 0; i < size; i++) {
            loops[i] = new EventLoop(namePrefix + "-" + i);
        }
    }

    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    @Override
    public void close() {
        for (EventLoop loop : loops) {
            loop.close();
        }
    }
}
