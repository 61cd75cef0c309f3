package dev.chaosjunit.steadystate;

import dev.chaosjunit.config.Durations;
import java.math.BigDecimal;
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

    /**
     * An error-rate bound: a fraction from 0 up to, not including, 1. A bound of 1 or more cannot be broken (every
     * request may fail), so it is almost certainly a percentage written as a fraction ({@code 1} meant 1%): refused
     * with what the user probably meant.
     *
     * @param meaning what a bound of 1 or more would do, e.g. {@code "allows every request to fail"}
     */
    static double errorRateBound(String attribute, double value, String meaning) {
        if (Double.isNaN(value) || value < 0) {
            throw new InvalidSpecException(attribute, value, "is out of range: expected a fraction from 0 up to,"
                    + " not including, 1 (0.01 = 1%)");
        }
        if (value >= 1) {
            throw new InvalidSpecException(attribute, value, meaning + percentHint(value));
        }
        return value;
    }

    /** An error-rate bound ({@link #errorRateBound}), or empty for a negative value (switched off). */
    static OptionalDouble optionalErrorRateBound(String attribute, double value, String meaning) {
        return value < 0 && !Double.isNaN(value) ? OptionalDouble.empty()
                : OptionalDouble.of(errorRateBound(attribute, value, meaning));
    }

    /**
     * A halt threshold on the error rate: 0..1 ({@code 1} halts only when every request fails), or empty for a
     * negative value (never). Above 1 it could never be reached: refused with what the user probably meant.
     */
    static OptionalDouble haltErrorRate(String attribute, double value) {
        if (value < 0 && !Double.isNaN(value)) {
            return OptionalDouble.empty();
        }
        if (Double.isNaN(value)) {
            throw new InvalidSpecException(attribute, value, "is out of range: expected a fraction within 0..1"
                    + " (0.5 = 50%), negative for never");
        }
        if (value > 1) {
            throw new InvalidSpecException(attribute, value, "is above 1 (100%) and can never be reached, so chaos"
                    + " would never halt" + percentHint(value));
        }
        return OptionalDouble.of(value);
    }

    /** {@code "; for 1% write 0.01"} when {@code value} reads as a percentage, else what is valid. */
    private static String percentHint(double value) {
        if (Double.isInfinite(value) || value > 100) {
            return ": expected a fraction below 1 (0.01 = 1%)";
        }
        String percent = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        String fraction = BigDecimal.valueOf(value).movePointLeft(2).stripTrailingZeros().toPlainString();
        return "; for " + percent + "% write " + fraction;
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
