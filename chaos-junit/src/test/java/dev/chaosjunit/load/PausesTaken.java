package dev.chaosjunit.load;

import java.time.Duration;

/**
 * The mean think time closed-model users actually took, worked out from a finished run's own numbers instead of
 * expecting a request count that a busy machine changes.
 *
 * <p>A closed-model user never idles outside its pauses: its first request is due at the run's start, each later one
 * is due when the pause drawn after the previous response ends, and corrected latency runs from that due time to the
 * response. So, per user, its corrected latencies plus the pauses it took add up to the time from the start to its
 * last response, which is at most the whole {@code run()} call ({@code elapsed}, measured by the test) and at least
 * the schedule's end minus one pause (the pause that would have ended after the end). Every request but each user's
 * first followed a pause. A slow machine makes latencies longer, never the sum wrong, so the mean pause lies in
 * {@code [lowEstimate, highEstimate]} whatever the load; only a send the driver skips because it woke up after the
 * end for a pause that ended just before it can push the low estimate above the truth, by that lateness divided by
 * the number of pauses.
 */
public final class PausesTaken {

    /** Histogram means are exact to 2 significant digits: allow 1% on the latency sum. */
    private static final double RESOLUTION = 0.01;

    final long pauses;
    final double lowEstimateMillis;
    final double highEstimateMillis;

    private PausesTaken(long pauses, double low, double high) {
        this.pauses = pauses;
        this.lowEstimateMillis = low;
        this.highEstimateMillis = high;
    }

    /**
     * @param count    completed requests of the run
     * @param meanCorrectedMillis the run's mean corrected latency
     * @param users    closed-model users
     * @param duration the profile's duration
     * @param maxThink the longest pause the think time can draw
     * @param elapsed  wall time of the whole run, measured around {@code run()} by the test
     */
    public static PausesTaken of(long count, double meanCorrectedMillis, int users, Duration duration, Duration maxThink,
                                 Duration elapsed) {
        long pauses = count - users;
        if (pauses <= 0) {
            throw new AssertionError(count + " requests from " + users + " users: no user sent a second request");
        }
        double latencySum = count * meanCorrectedMillis;
        double high = (users * millis(elapsed) - latencySum * (1 - RESOLUTION)) / pauses;
        double low = (users * (millis(duration) - millis(maxThink)) - latencySum * (1 + RESOLUTION)) / pauses;
        return new PausesTaken(pauses, low, high);
    }

    public static PausesTaken of(LoadStats stats, int users, Duration duration, Duration maxThink, Duration elapsed) {
        return of(stats.count(), millis(stats.mean()), users, duration, maxThink, elapsed);
    }

    public long pauses() {
        return pauses;
    }

    /** The mean pause is at most this. */
    public double highEstimateMillis() {
        return highEstimateMillis;
    }

    /** The mean pause is at least this (but for a send skipped at the very end, see the class comment). */
    public double lowEstimateMillis() {
        return lowEstimateMillis;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d pauses, mean pause between %.2fms and %.2fms", pauses,
                lowEstimateMillis, highEstimateMillis);
    }
}
