package dev.chaosjunit.load.internal;

/**
 * When a window's numbers may be the driver's rather than the server's: pure rules over counts the event loops keep.
 * Lateness the server caused (every connection busy, so an arrival waited for one) never counts; only lag the
 * driver added itself does.
 *
 * <ul>
 *   <li><b>Driver-bound requests.</b> A request is driver-bound when the driver itself sent it more than
 *       {@link #LATE_NANOS} late (late against the later of its intended time and the moment a connection was free
 *       for it) and that lag is more than half of its corrected latency: the driver, not the server, made most of
 *       that number. A window is saturated when more than 1% of its completed requests are driver-bound, the share
 *       that can move its p99.</li>
 *   <li><b>A loop with no idle time.</b> A loop that waited for I/O less than a tenth of a second it ran is the
 *       bottleneck: responses wait unread in the socket buffers, so even time counted as waiting for a connection is
 *       the driver's.</li>
 * </ul>
 */
final class Saturation {

    /**
     * Lag below this is never the driver's fault: timer and selector resolution (about 1 ms) and ordinary scheduling
     * delays stay well under it; a stall the size of a slow service's latency is far above it.
     */
    static final long LATE_NANOS = 10_000_000L;

    /**
     * A loop second shorter than this is a run's cut-short last one, mostly drain work, too short to judge the
     * loop's idle share from.
     */
    static final long MIN_JUDGED_LOOP_NANOS = 500_000_000L;

    private Saturation() {
    }

    /** Whether a request whose driver-caused lag was {@code driverLagNanos} is driver-bound. */
    static boolean driverBound(long driverLagNanos, long correctedNanos) {
        return driverLagNanos > LATE_NANOS && driverLagNanos * 2 > correctedNanos;
    }

    /** More than 1% of {@code completed} requests were driver-bound: enough to move the p99. */
    static boolean tooManyDriverBound(long completed, long driverBound) {
        return driverBound > 0 && driverBound * 100 > completed;
    }

    /**
     * A loop that ran {@code loopNanos} and spent {@code waitedNanos} of it waiting for I/O or the next send had less
     * than a tenth of its time idle. The 90% bound is far from both answers: a loop keeping up with a modest rate
     * waits over 95% of the time even on a busy machine (a descheduled thread waits too), a starved one about 0%.
     */
    static boolean loopBusy(long waitedNanos, long loopNanos) {
        return loopNanos >= MIN_JUDGED_LOOP_NANOS && waitedNanos * 10 < loopNanos;
    }
}
