package dev.chaosjunit.load;

import dev.chaosjunit.config.Durations;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The pause a closed-model user takes between two tasks: fixed, or uniformly distributed between two bounds
 * (Locust's {@code between(a, b)}).
 */
public final class ThinkTime {

    private static final ThinkTime NONE = new ThinkTime(0, 0);

    private final long minNanos;
    private final long maxNanos;

    private ThinkTime(long minNanos, long maxNanos) {
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
    }

    /** No pause: a user sends its next request as soon as the previous response arrived (like wrk). */
    public static ThinkTime none() {
        return NONE;
    }

    /** Always the same pause. */
    public static ThinkTime fixed(Duration pause) {
        requireNonNegative("pause", pause);
        return new ThinkTime(pause.toNanos(), pause.toNanos());
    }

    /** Always the same pause, given as text such as {@code "100ms"}. */
    public static ThinkTime fixed(String pause) {
        return fixed(Durations.parse(pause));
    }

    /** A pause drawn uniformly from {@code [min, max]}. */
    public static ThinkTime between(Duration min, Duration max) {
        requireNonNegative("min", min);
        requireNonNegative("max", max);
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("think time max must be >= min, got min=" + Durations.format(min)
                    + " max=" + Durations.format(max));
        }
        return new ThinkTime(min.toNanos(), max.toNanos());
    }

    /** A pause drawn uniformly from {@code [min, max]}, given as text such as {@code "50ms"}, {@code "150ms"}. */
    public static ThinkTime between(String min, String max) {
        return between(Durations.parse(min), Durations.parse(max));
    }

    /** The shortest pause. */
    public Duration min() {
        return Duration.ofNanos(minNanos);
    }

    /** The longest pause. */
    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    /** Draws one pause in nanoseconds. */
    public long nextNanos(SplittableRandom random) {
        return minNanos == maxNanos ? minNanos : random.nextLong(minNanos, maxNanos + 1);
    }

    private static void requireNonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("think time " + what + " must be >= 0, got " + d);
        }
    }

    @Override
    public String toString() {
        return minNanos == maxNanos ? Durations.format(min())
                : Durations.format(min()) + ".." + Durations.format(max());
    }
}
