package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;

/**
 * Answers from Prometheus that cannot simply be compared with a bound. Each has a configurable {@link Verdict.Status}
 * per check ({@code onEmpty}, {@code onNaN}, ... on {@link PrometheusCheck}); the defaults are chosen so that a
 * mistake in the query or a missing measurement never passes silently. See {@code docs/prometheus.md}.
 */
public enum AwkwardAnswer {
    /**
     * No series at all: the metric does not exist (typo, not scraped yet) or a filter matched nothing (no 5xx yet).
     * Default {@link Verdict.Status#FAIL}: a check that measures nothing must not pass; when "no series" really means zero,
     * write {@code ... or vector(0)} or set {@code onEmpty = PASS}.
     */
    EMPTY_RESULT("onEmpty", Verdict.Status.FAIL),
    /**
     * Every point is NaN, typically {@code 0/0} (an error ratio while no requests arrive). Default
     * {@link Verdict.Status#INCONCLUSIVE}: no evidence either way (Argo Rollouts' rule since its issue #180).
     */
    NAN("onNaN", Verdict.Status.INCONCLUSIVE),
    /**
     * The aggregated value is +Inf or -Inf: a division by zero ({@code 1/0}) or {@code histogram_quantile} falling
     * into the {@code +Inf} bucket, that is, beyond the largest finite bucket. Default {@link Verdict.Status#FAIL}: both
     * mean the measurement left the range it was built for.
     */
    INFINITE("onInfinite", Verdict.Status.FAIL),
    /**
     * Several series where one value was expected (a missing {@code sum(...)}/{@code max(...)}). Default
     * {@link Verdict.Status#FAIL}: picking one at random would judge the wrong thing; aggregate in PromQL instead.
     */
    MULTIPLE_SERIES("onMultipleSeries", Verdict.Status.FAIL),
    /**
     * The series' newest point lies more than {@code staleAfter} before the end of the window: the target stopped
     * being scraped (Prometheus writes a staleness marker and the series ends). Default
     * {@link Verdict.Status#INCONCLUSIVE}: the end of the window was not measured; it is not evidence of a breach.
     */
    STALE("onStale", Verdict.Status.INCONCLUSIVE);

    private final String attribute;
    private final Verdict.Status defaultOutcome;

    AwkwardAnswer(String attribute, Verdict.Status defaultOutcome) {
        this.attribute = attribute;
        this.defaultOutcome = defaultOutcome;
    }

    /** The {@link PrometheusCheck} attribute that sets the outcome, for example {@code onEmpty}. */
    public String attribute() {
        return attribute;
    }

    /** The outcome when the check does not say otherwise. */
    public Verdict.Status defaultOutcome() {
        return defaultOutcome;
    }
}
