package dev.chaosjunit.check;

import dev.chaosjunit.fault.FaultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a {@link SteadyStateCheck} can do to the running experiment. Thread-safe. */
public interface ExperimentControl {

    /** The phase now running, or the last one if the experiment ended. */
    Phase phase();

    /** When {@code phase} started, if it did. */
    Optional<Instant> phaseStart(Phase phase);

    /** The chaos window declared for the test, if any. */
    Optional<Duration> window();

    /** The experiment's seed. */
    long seed();

    /** The fault timeline so far (injections and reverts with timestamps), e.g. to mark fault windows in reports. */
    List<FaultEvent> timeline();

    /** Adds a verdict. A {@link Verdict.Status#FAIL} fails the test once the experiment ends. */
    void verdict(Verdict verdict);

    /**
     * Stops the experiment now: every active fault is reverted at once, no further fault starts, and the test fails
     * with {@code reason} ("not steady before chaos" when halted in BEFORE). The first halt wins; later calls are
     * ignored. May be called from any thread.
     */
    void halt(String reason);

    /**
     * Like {@link #halt}, but the test is reported as aborted (skipped, with the reason) instead of failed: for
     * checks configured to treat an unsteady baseline as "cannot judge here" rather than as a failure.
     */
    void abort(String reason);

    /** Whether {@link #halt} or {@link #abort} was called. */
    boolean halted();
}
