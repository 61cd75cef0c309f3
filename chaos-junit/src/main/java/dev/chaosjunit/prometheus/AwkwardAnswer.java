package dev.chaosjunit.prometheus;

/**
 * Answers from Prometheus that cannot simply be compared with a bound. Each has a configurable {@link Outcome}
 * per check ({@code onEmpty}, {@code onNaN}, ... on {@link PrometheusCheck}); the defaults are chosen so that a
 * mistake in the query or a missing measurement never passes silently. See {@code docs/prometheus.md}.
 */
public enum AwkwardAnswer {
    /**
     * No series at all: the metric does not exist (typo, not scraped yet) or a filter matched nothing (no 5xx yet).
     * Default {@link Outcome#FAIL}: a check that measures nothing must not pass; when "no series" really means zero,
     * write {@code ... or vector(0)} or set {@code onEmpty = PASS}.
     */
    EMPTY_RESULT("onEmpty", Outcome.FAIL),
    /**
     * Every point is NaN, typically {@code 0/0} (an error ratio while no requests arrive). Default
     * {@link Outcome#INCONCLUSIVE}: no evidence either way (Argo Rollouts' rule since its issue #180).
     */
    NAN("onNaN", Outcome.INCONCLUSIVE),
    /**
     * The aggregated value is +Inf or -Inf: a division by zero ({@code 1/0}) or {@code histogram_quantile} falling
     * into the {@code +Inf} bucket, that is, beyond the largest finite bucket. Default {@link Outcome#FAIL}: both
     * mean the measurement left the range it was built for.
     */
    INFINITE("onInfinite", Outcome.FAIL),
    /**
     * Several series where one value was expected (a missing {@code sum(...)}/{@code max(...)}). Default
     * {@link Outcome#FAIL}: picking one at random would judge the wrong thing; aggregate in PromQL instead.
     */
    MULTIPLE_SERIES("onMultipleSeries", Outcome.FAIL),
    /**
     * The series' newest point lies more than {@code staleAfter} before the end of the window: the target stopped
     * being scraped (Prometheus writes a staleness marker and the series ends). Default
     * {@link Outcome#INCONCLUSIVE}: the end of the window was not measured; it is not evidence of a breach.
     */
    STALE("onStale", Outcome.INCONCLUSIVE);

    private final String attribute;
    private final Outcome defaultOutcome;

    AwkwardAnswer(String attribute, Outcome defaultOutcome) {
        this.attribute = attribute;
        this.defaultOutcome = defaultOutcome;
    }

    /** The {@link PrometheusCheck} attribute that sets the outcome, for example {@code onEmpty}. */
    public String attribute() {
        return attribute;
    }

    /** The outcome when the check does not say otherwise. */
    public Outcome defaultOutcome() {
        return defaultOutcome;
    }
}
