package dev.chaosjunit.toxiproxy.internal.toxic;

import java.util.SplittableRandom;

/** What a toxic stage may use of the connection direction it runs in; all calls on the event loop thread. */
public interface StageContext {
    long nanoTime();

    Cancellable schedule(long deadlineNanos, Runnable task);

    /** The stage dropped these bytes: they will never be written. */
    void discard(int bytes);

    /** The connection's random source (seeded from the server seed and the connection's number). */
    SplittableRandom random();
}
