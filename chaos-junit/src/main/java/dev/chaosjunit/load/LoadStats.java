package dev.chaosjunit.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Aggregate of a window of a load run (or of the whole run): what completed, what failed and why, what was dropped,
 * and latency percentiles.
 *
 * <p>A window is made of whole seconds of the run's timeline: second {@code s} belongs to {@code [from, to)} when
 * its midpoint does, and only seconds that are over are included, so a window read while the run goes on covers the
 * seconds seen so far ({@link #duration()} tells how much). Requests are counted in the second they completed (or
 * were dropped).
 *
 * <p>Latency is <em>corrected</em> ({@link #percentile}, {@link #max}, {@link #mean}): from the intended send time of
 * the schedule to the end of the response, so time a request waited because the server (or every connection) was
 * busy counts; this is what a user of the system would have seen. <em>Uncorrected</em> latency (service time) runs
 * from the actual send. Latencies have two significant digits (1% resolution) at microsecond granularity.
 */
public interface LoadStats {

    /** Start of the requested window. */
    Instant from();

    /** End (exclusive) of the requested window. */
    Instant to();

    /** How much of the window the included seconds cover. */
    Duration duration();

    /** Completed requests (successes plus errors; dropped requests are not included). */
    long count();

    /** Completed requests that passed every check. */
    long successes();

    /** Completed requests that failed. */
    long errors();

    /** Failed requests by kind; kinds without errors are absent. */
    Map<ErrorKind, Long> errorsByKind();

    /** Arrivals that could not be sent because every connection stayed busy longer than the drop bound. */
    long dropped();

    /** Completed requests per second over {@link #duration()}; 0 for an empty window. */
    double throughput();

    /** Arrivals offered by the schedule per second (sent plus dropped) over {@link #duration()}. */
    double offeredRate();

    /** {@code errors / count}, 0 when nothing completed. */
    double errorRate();

    /** Corrected latency at {@code percentile} (0..100, e.g. 99.9). {@link Duration#ZERO} for an empty window. */
    Duration percentile(double percentile);

    /** Uncorrected latency (service time, from the actual send) at {@code percentile} (0..100). */
    Duration uncorrectedPercentile(double percentile);

    /** How late sends were against the schedule, at {@code percentile} (0..100). */
    Duration scheduleLagPercentile(double percentile);

    /** Highest corrected latency. */
    Duration max();

    /** Highest uncorrected latency. */
    Duration uncorrectedMax();

    /** Mean corrected latency. */
    Duration mean();

    /** Mean uncorrected latency. */
    Duration uncorrectedMean();

    /**
     * Whether the window's numbers may be the driver's rather than the server's: more than 1% of its completed
     * requests were sent by the driver itself over 10 ms late (late against the later of the intended time and the
     * moment a connection was free for them), with that lag more than half of their latency; or an event loop had
     * less than a tenth of some second idle. Waiting for a connection while every one is busy is the server's
     * slowness and never counts. Latency of a saturated window may overstate the server's.
     */
    boolean saturated();

    /** Requests sent in the window's seconds, every step of a task (arrivals dropped are not sent). */
    default long sent() {
        return 0;
    }

    /** Requests sent before the window's first second and not completed when it began. */
    default long inFlightAtStart() {
        return 0;
    }

    /**
     * Requests sent up to the window's last second and not completed when it ended: they count in the window in
     * which they complete (an answer, an error, or {@code TIMEOUT} once {@code requestTimeout} has passed). Exactly,
     * {@code inFlightAtStart() + sent() == count() + inFlightAtEnd()}.
     */
    default long inFlightAtEnd() {
        return 0;
    }
}
