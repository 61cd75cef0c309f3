package dev.chaosjunit.toxiproxy.internal.net;

/** A task due at a {@link System#nanoTime()} deadline on one event loop; cancelling is idempotent. */
public final class Timer implements Comparable<Timer> {
    final long deadlineNanos;
    final long sequence;
    final Runnable task;
    boolean cancelled;

    Timer(long deadlineNanos, long sequence, Runnable task) {
        this.deadlineNanos = deadlineNanos;
        this.sequence = sequence;
        this.task = task;
    }

    /** Stops the task from running; call on the loop thread. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public int compareTo(Timer other) {
        int byDeadline = Long.compare(deadlineNanos - other.deadlineNanos, 0);
        return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
}
