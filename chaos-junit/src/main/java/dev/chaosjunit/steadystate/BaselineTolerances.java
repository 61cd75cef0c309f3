package dev.chaosjunit.steadystate;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Tolerances of the chaos window relative to the baseline; empty values are not checked.
 *
 * @param maxErrorRateIncrease error rate at most the baseline's plus this (0..1)
 * @param maxP99Factor p99 at most this factor times the baseline's (at least 1)
 */
record BaselineTolerances(OptionalDouble maxErrorRateIncrease, OptionalDouble maxP99Factor) {

    /** Nothing relative to the baseline is checked. */
    static final BaselineTolerances NONE = new BaselineTolerances(OptionalDouble.empty(), OptionalDouble.empty());

    BaselineTolerances {
        Objects.requireNonNull(maxErrorRateIncrease, "maxErrorRateIncrease");
        Objects.requireNonNull(maxP99Factor, "maxP99Factor");
    }
}
