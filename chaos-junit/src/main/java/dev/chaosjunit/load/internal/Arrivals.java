package dev.chaosjunit.load.internal;

/**
 * The open-model arrivals of one event loop, as absolute {@link System#nanoTime()} instants: the next one due, and
 * whether it has had to wait for a free connection. Loop-confined.
 */
final class Arrivals {

    /** {@link #next()} once the schedule has no more arrivals. */
    static final long NONE = Long.MAX_VALUE;

    private final ArrivalSchedule schedule;
    private final long start;
    private long next = NONE;
    private boolean waited;

    Arrivals(ArrivalSchedule schedule, long start) {
        this.schedule = schedule;
        this.start = start;
        advance();
    }

    /** The intended send time of the next arrival, or {@link #NONE}. */
    long next() {
        return next;
    }

    /** Whether the next arrival has waited for a free connection. */
    boolean waited() {
        return waited;
    }

    /** The next arrival waits for a free connection. */
    void waiting() {
        waited = true;
    }

    /** Moves on to the arrival after the next one. */
    void advance() {
        long offset = schedule.next();
        next = offset == ArrivalSchedule.END ? NONE : start + offset;
        waited = false;
    }

    /**
     * Drops every arrival intended before {@code instant}; returns how many. Constant time however many there are,
     * so a rate far beyond what the connections can serve costs the loop nothing per late arrival.
     */
    long dropBefore(long instant) {
        long dropped = 0;
        while (next < instant) {
            dropped += schedule.skipBefore(instant - start);
            advance();
        }
        return dropped;
    }
}
