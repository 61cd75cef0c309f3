package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.prometheus.internal.PrometheusCheckProvider;
import dev.chaosjunit.check.Phase;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A steady-state check answered by Prometheus: the PromQL {@link #query()} is evaluated over each phase window
 * ({@code query_range} over exactly the phase's time span), the points are {@link #aggregate() aggregated} and the
 * value is judged against {@link #min()} and/or {@link #max()} (both inclusive).
 *
 * <pre>{@code
 * @PrometheusCheck(name = "error ratio", max = 0.05, phase = {Phase.BEFORE, Phase.AFTER},
 *         query = "sum(rate(http_server_requests_seconds_count{status=~\"5..\"}[30s]))"
 *               + " / sum(rate(http_server_requests_seconds_count[30s]))")
 * }</pre>
 *
 * <p>Repeatable, inherited, and usable as a meta-annotation, so a team can compose {@code @CheckoutHealthy}.
 * Resolution ({@link PrometheusCheckSpec#of(PrometheusCheck)}) validates every attribute; answers that cannot be
 * compared with a bound (empty, NaN, infinite, several series, stale) follow the {@code on...} rules, see
 * {@link AwkwardAnswer}. The attribute table is in {@code docs/prometheus.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(PrometheusCheck.List.class)
@ChaosCheck(PrometheusCheckProvider.class)
@ExtendWith(ChaosExtension.class)
public @interface PrometheusCheck {

    /**
     * The PromQL expression; should yield one series (aggregate with {@code sum}/{@code max}). {@code ${ENV}}
     * placeholders are resolved from the environment.
     */
    String query();

    /** A short name for messages and the journal, for example {@code "error ratio"}; defaults to the query. */
    String name() default "";

    /** Upper bound, inclusive; unset ({@code NaN}) means none. Finite. */
    double max() default Double.NaN;

    /** Lower bound, inclusive; unset ({@code NaN}) means none. Finite, and at most {@link #max()}. */
    double min() default Double.NaN;

    /** The phases the check is evaluated in; default all three. */
    Phase[] phase() default {Phase.BEFORE, Phase.DURING, Phase.AFTER};

    /** How the window's points become one value; default {@link Aggregate#MAX}. */
    Aggregate aggregate() default Aggregate.MAX;

    /** Range-query step, a duration such as {@code "5s"}; empty = automatic (window / 100, at least 1s). */
    String step() default "";

    /**
     * Time to wait after the window ends before querying it, so the last scrape has landed; a duration such as
     * {@code "15s"}, {@code "0"} allowed; empty = the evaluator's default ({@code chaos.prometheus.scrapeLag}, 15s).
     */
    String scrapeLag() default "";

    /**
     * The newest point may be at most this long before the window end, else the {@link #onStale()} rule applies;
     * a positive duration; empty = automatic (3 steps, at least 5s).
     */
    String staleAfter() default "";

    /** Verdict.Status when the answer has no series; default {@link Verdict.Status#FAIL}. */
    Verdict.Status onEmpty() default Verdict.Status.FAIL;

    /** Verdict.Status when every point is NaN; default {@link Verdict.Status#INCONCLUSIVE}. */
    Verdict.Status onNaN() default Verdict.Status.INCONCLUSIVE;

    /** Verdict.Status when the aggregated value is +Inf or -Inf; default {@link Verdict.Status#FAIL}. */
    Verdict.Status onInfinite() default Verdict.Status.FAIL;

    /** Verdict.Status when the answer has more than one series; default {@link Verdict.Status#FAIL}. */
    Verdict.Status onMultipleSeries() default Verdict.Status.FAIL;

    /** Verdict.Status when the series ended before the window did; default {@link Verdict.Status#INCONCLUSIVE}. */
    Verdict.Status onStale() default Verdict.Status.INCONCLUSIVE;

    /** Container of repeated {@link PrometheusCheck}s. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        /** The checks. */
        PrometheusCheck[] value();
    }
}
