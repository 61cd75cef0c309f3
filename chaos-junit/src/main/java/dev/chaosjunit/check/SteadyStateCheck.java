package dev.chaosjunit.check;

import java.time.Duration;
import java.time.Instant;

/**
 * Observes one experiment phase by phase and contributes verdicts. One instance serves exactly one test run.
 *
 * <p>The core runs: BEFORE (at least the longest {@link #baseline()} asked for) - DURING (faults on schedule while the
 * test body runs) - revert - AFTER (at least the longest {@link #recovery()} asked for) - verdicts. A check is told when
 * each phase starts and ends, may add {@link Verdict}s at any time through {@link ExperimentControl#verdict}, and may
 * {@link ExperimentControl#halt halt} the experiment. A {@link Verdict.Status#FAIL} verdict fails the test with a
 * per-phase table; a failure in BEFORE means "not steady before chaos" and no fault is started.
 *
 * <p>Callbacks run on the test thread; {@link ExperimentControl} may also be used from the check's own threads.
 * An exception thrown by a callback becomes a FAIL verdict for that phase.
 */
public interface SteadyStateCheck {

    /** The check's name in verdict tables and the journal. */
    String name();

    /** How long the BEFORE (baseline) phase must last for this check. */
    default Duration baseline() {
        return Duration.ZERO;
    }

    /**
     * How long the DURING (chaos) phase must last at least for this check. The chaos window of the test is the
     * longest of this and {@code @ChaosTest(window)}; fault schedules are validated against it.
     */
    default Duration chaosWindow() {
        return Duration.ZERO;
    }

    /** How long the AFTER (recovery) phase must last for this check. */
    default Duration recovery() {
        return Duration.ZERO;
    }

    /** Called when {@code phase} starts. */
    default void phaseStarted(Phase phase, Instant at, ExperimentControl control) throws Exception {
    }

    /** Called when {@code phase} ends; the usual place to add that phase's verdicts. */
    default void phaseEnded(Phase phase, Instant at, ExperimentControl control) throws Exception {
    }

    /**
     * Data this check wants kept in the test's journal (and drawn in its report), as a JSON value, or {@code null}.
     * A load check gives its per-second timeline here: {@code {"seconds": [{"t": <epoch ms>, "count": ..., ...}]}}.
     * Called when the journal is written, after {@link #close()}: keep the data readable after closing.
     */
    default String journalData() {
        return null;
    }

    /**
     * Called exactly once when the experiment is over, whatever happened (also when a phase was skipped because the
     * body failed or the experiment halted, and when chaos is disabled): stop load, release threads and sockets here.
     * An exception is logged, it does not change the test's outcome.
     */
    default void close() throws Exception {
    }
}
