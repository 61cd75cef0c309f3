package dev.chaosjunit.steadystate;

import dev.chaosjunit.config.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** Parses and checks the values of a {@link SteadyStateSpecBuilder}; a failure is an {@link InvalidSpecException}. */
final class SpecValues {

    private SpecValues() {
    }

    /** A duration of at least {@code min}. */
    static Duration duration(String attribute, String text, Duration min) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(attribute, text, "is not a duration: expected a number followed by a unit"
                    + " (h, m, s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"");
        }
        if (d.compareTo(min) < 0) {
            throw new InvalidSpecException(attribute, text, "is too short: expected at least " + Durations.format(min));
        }
        return d;
    }

    /** A latency above 0, or empty for a blank text (not checked). */
    static Optional<Duration> optionalLatency(String attribute, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Duration d = duration(attribute, text, Duration.ZERO);
        if (d.isZero()) {
            throw new InvalidSpecException(attribute, text, "is zero: expected a latency above 0, such as \"800ms\","
                    + " or leave it empty to not check it");
        }
        return Optional.of(d);
    }

    /** A fraction within 0..1. */
    static double fraction(String attribute, double value) {
        if (Double.isNaN(value) || value < 0 || value > 1) {
            throw new InvalidSpecException(attribute, value, "is out of range: expected a fraction within 0..1"
                    + " (0.01 = 1%)");
        }
        return value;
    }

    /** A fraction within 0..1, or empty for a negative value (switched off). */
    static OptionalDouble optionalFraction(String attribute, double value) {
        return value < 0 ? OptionalDouble.empty() : OptionalDouble.of(fraction(attribute, value));
    }

    /** A whole number within {@code min..max}. */
    static int within(String attribute, int value, int min, int max, String problem) {
        if (value < min || value > max) {
            throw new InvalidSpecException(attribute, value, problem);
        }
        return value;
    }

    /** Optional values as the {@code Optional<Double>} of the spec's accessors. */
    static Optional<Double> boxed(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
