package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.steadystate.internal.SteadyStateProvider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The steady-state hypothesis of a chaos test, judged from the embedded load driver: load runs through the whole
 * experiment, and its numbers decide before, during and after the faults.
 *
 * <pre>{@code
 * @ChaosTest
 * @InjectLatency(proxy = "payments", latency = "400ms")
 * @SteadyState(load = "checkout", rate = 200, duration = "30s", maxErrorRate = 0.01, p99 = "800ms")
 * void checkoutSurvivesSlowPayments(ChaosRun run) { ... }
 *
 * @ChaosLoad
 * LoadDriver checkout() {
 *     return LoadDriver.target(orders.url()).request(Request.post("/orders").jsonBody("{}"));
 * }
 * }</pre>
 *
 * <p>Phases (see {@link Phase}):
 * <ol>
 *   <li><b>before</b>: load starts, {@link #warmup()} is ignored, then {@link #baseline()} is measured. If the absolute
 *       tolerances do not hold here, no fault starts and the test fails as "not steady before chaos" (or is aborted,
 *       see {@link #unsteadyBaseline()}).</li>
 *   <li><b>during</b>: faults run for at least {@link #duration()}. The absolute tolerances and those relative to the
 *       baseline are judged over the phase. Every 200 ms, the last {@link #haltWindow()} is compared with the halt
 *       thresholds; beyond them every fault is reverted at once and the test fails fast.</li>
 *   <li><b>after</b>: every fault is reverted and {@link #recovery()} is measured. The system has recovered at the
 *       earliest second from which the rest of the window meets the absolute tolerances; that time must be within
 *       {@link #recoverWithin()}.</li>
 * </ol>
 *
 * <p>Unset tolerances are not checked; {@code maxErrorRate} (1%, negative: off) and {@code maxDropped} (0) are
 * checked by default.
 * Repeatable with distinct {@link #name()}s, usable on the class and as a meta-annotation.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(SteadyState.List.class)
@ChaosCheck(SteadyStateProvider.class)
@ExtendWith(ChaosExtension.class)
public @interface SteadyState {

    /**
     * The name of this load in verdicts, journals and {@code run.load(name)}; by default the {@link #load()} method's
     * name, or {@code "load"} with a {@link #target()}.
     */
    String name() default "load";

    /**
     * The {@link ChaosLoad} method of the test class that gives the {@code LoadDriver} (target, scenario,
     * connections). Either this or {@link #target()}.
     */
    String load() default "";

    /** A URL to send {@code GET} requests to ({@code ${ENV_VAR}} placeholders allowed). Either this or {@link #load()}. */
    String target() default "";

    /** Open model: requests per second, the default model. Set this or {@link #users()}. */
    double rate() default 0;

    /** Closed model: concurrent users, each sending its next request when the last one finished (plus think time). */
    int users() default 0;

    /** Closed model: pause between a user's requests ({@code "100ms"}). */
    String thinkTime() default "0";

    /** Open model: most requests in flight (connections). */
    int connections() default 64;

    /** Load before the baseline that is not measured (connections, JIT, caches). */
    String warmup() default "1s";

    /** The baseline window measured before any fault. */
    String baseline() default "5s";

    /** The least time faults are active while load is measured (the chaos window). */
    String duration() default "10s";

    /** The recovery window measured after every fault was reverted. */
    String recovery() default "5s";

    /**
     * Highest error rate (errors / completed requests) in every phase: a fraction from 0 up to, not including, 1
     * ({@code 0.01} = 1%). {@code 1} or more would allow every request to fail and is refused before anything starts;
     * negative: not checked.
     */
    double maxErrorRate() default 0.01;

    /** Fewest completed requests per second in every phase; negative: not checked. */
    double minThroughput() default -1;

    /** Highest median latency (corrected for coordinated omission), e.g. {@code "50ms"}; empty: not checked. */
    String p50() default "";

    /** Highest 90th percentile latency; empty: not checked. */
    String p90() default "";

    /** Highest 99th percentile latency; empty: not checked. */
    String p99() default "";

    /** Highest 99.9th percentile latency; empty: not checked. */
    String p999() default "";

    /** Most requests dropped because every connection stayed busy, per phase. */
    long maxDropped() default 0;

    /**
     * Relative to the baseline: during-chaos error rate at most baseline + this, a fraction from 0 up to, not
     * including, 1 ({@code 1} or more is refused: it allows every request to fail); negative: not checked.
     */
    double maxErrorRateIncrease() default -1;

    /** Relative to the baseline: during-chaos p99 at most this factor times the baseline p99 (>= 1); negative: not checked. */
    double maxP99Factor() default -1;

    /**
     * Halt: error rate over the last {@link #haltWindow()} at or above which chaos stops at once, looked at every
     * 200 ms: 0..1 ({@code 1}: only when every request fails; above 1 is refused, it could never be reached);
     * negative: never.
     */
    double haltErrorRate() default -1;

    /**
     * Halt: p99 over the last {@link #haltWindow()} at or above which chaos stops at once, looked at every 200 ms;
     * empty: never.
     */
    String haltP99() default "";

    /** The sliding window the halt thresholds are judged over. */
    String haltWindow() default "3s";

    /** Recovery must happen within this time after the revert; empty: the whole {@link #recovery()} window. */
    String recoverWithin() default "";

    /** What a baseline that misses the tolerances does to the test. */
    UnsteadyBaseline unsteadyBaseline() default UnsteadyBaseline.FAIL;

    /** What happens to a test whose system is not steady before any fault. */
    enum UnsteadyBaseline {
        /** The test fails: "not steady before chaos". */
        FAIL,
        /** The test is aborted (reported as skipped) with the same message. */
        ABORT
    }

    /** Container of repeated {@link SteadyState}s. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        SteadyState[] value();
    }
}
