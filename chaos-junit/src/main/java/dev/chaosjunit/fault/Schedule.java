package dev.chaosjunit.fault;

import dev.chaosjunit.config.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a fault runs, relative to the start of the chaos phase: first at {@link #after()}, for {@link #duration()}
 * (or until the chaos phase ends), repeated every {@link #every()} if set.
 */
public final class Schedule {

    private final Duration after;
    private final Duration duration;
    private final Duration every;

    private Schedule(Duration after, Duration duration, Duration every) {
        this.after = Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("after must not be negative: " + after);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        if (every != null) {
            if (duration == null) {
                throw new IllegalArgumentException("every needs a duration");
            }
            if (every.compareTo(duration) <= 0) {
                throw new IllegalArgumentException("every must be longer than duration");
            }
        }
        this.duration = duration;
        this.every = every;
    }

    /** Starts at once and lasts until the chaos phase ends. */
    public static Schedule whole() {
        return new Schedule(Duration.ZERO, null, null);
    }

    /**
     * A schedule.
     *
     * @param after delay from the start of the chaos phase, not negative
     * @param duration how long each occurrence lasts, positive, or {@code null} for "until the phase ends"
     * @param every repeat period, longer than {@code duration}, or {@code null} for once
     */
    public static Schedule of(Duration after, Duration duration, Duration every) {
        return new Schedule(after, duration, every);
    }

    public Duration after() {
        return after;
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    public Optional<Duration> every() {
        return Optional.ofNullable(every);
    }

    /** The end of the first occurrence, if it has a fixed duration. */
    public Optional<Duration> firstEnd() {
        return duration().map(after::plus);
    }

    /** Whether two schedules may have occurrences at the same time (conservative for repeats). */
    public boolean overlaps(Schedule other) {
        if (every != null || other.every != null) {
            return true;
        }
        Duration end = duration == null ? null : after.plus(duration);
        Duration otherEnd = other.duration == null ? null : other.after.plus(other.duration);
        boolean thisBeforeOther = end != null && end.compareTo(other.after) <= 0;
        boolean otherBeforeThis = otherEnd != null && otherEnd.compareTo(after) <= 0;
        return !(thisBeforeOther || otherBeforeThis);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("after ").append(Durations.format(after));
        sb.append(duration == null ? " until the chaos phase ends" : " for " + Durations.format(duration));
        if (every != null) {
            sb.append(", every ").append(Durations.format(every));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Schedule)) {
            return false;
        }
        Schedule s = (Schedule) o;
        return after.equals(s.after) && Objects.equals(duration, s.duration) && Objects.equals(every, s.every);
    }

    @Override
    public int hashCode() {
        return Objects.hash(after, duration, every);
    }
}
