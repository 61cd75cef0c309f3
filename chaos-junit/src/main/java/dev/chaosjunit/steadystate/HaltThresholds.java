package dev.chaosjunit.steadystate;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When chaos stops at once: an error rate or a p99 over the last {@code window}; neither set means never.
 *
 * @param errorRate error rate (0..1) over the window that halts, or empty
 * @param p99 p99 over the window that halts, or empty
 * @param window the sliding window the thresholds are judged over
 */
record HaltThresholds(OptionalDouble errorRate, Optional<Duration> p99, Duration window) {

    HaltThresholds {
        Objects.requireNonNull(errorRate, "errorRate");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(window, "window");
    }

    /** Whether any threshold is set. */
    boolean any() {
        return errorRate.isPresent() || p99.isPresent();
    }
}
