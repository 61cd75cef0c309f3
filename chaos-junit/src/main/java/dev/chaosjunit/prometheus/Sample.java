package dev.chaosjunit.prometheus;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a Prometheus answer: a timestamp and a value. The value may be {@code NaN},
 * {@code +Infinity} or {@code -Infinity}, exactly as Prometheus returned it ({@code "NaN"}, {@code "+Inf"},
 * {@code "-Inf"}).
 *
 * @param timestamp the evaluation (or sample) time Prometheus reported
 * @param value the value, possibly not finite
 */
public record Sample(Instant timestamp, double value) {

    /** Checks the timestamp is present. */
    public Sample {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
