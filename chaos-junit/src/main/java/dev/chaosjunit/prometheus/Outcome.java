package dev.chaosjunit.prometheus;

/** The result of one Prometheus check in one phase. */
public enum Outcome {
    /** The observed value is within the bounds (or a rule said an awkward answer counts as a pass). */
    PASS,
    /** The observed value breaks a bound, the query failed, or a rule said an awkward answer fails. */
    FAIL,
    /** The answer does not allow a judgement either way (for example every point was NaN). */
    INCONCLUSIVE
}
