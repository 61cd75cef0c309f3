package dev.chaosjunit.load.internal;

/**
 * The open-model arrivals of one event loop, as absolute {@link System#nanoTime()} instants: the next one due.
 * Loop-confined.
 */
final class Arrivals {

    /** {@link #next()} once the schedule has no more arrivals. */
    static final long NONE = Long.MAX_VALUE;

    private final ArrivalSchedule schedule;
    private final long start;
    private long next = NONE;

    Arrivals(ArrivalSchedule schedule, long start) {
        this.schedule = schedule;
        this.start = start;
        advance();
    }

    /** The intended send time of the next arrival, or {@link #NONE}. */
    long next() {
        return next;
    }

    /** Moves on to the arrival after the next one. */
    void advance() {
        long offset = schedule.next();
        next = offset == ArrivalSchedule.END ? NONE : start + offset;
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
