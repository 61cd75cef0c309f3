package dev.chaosjunit.steadystate;

import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The load of one {@link SteadyState} in a running experiment, phase by phase: {@code run.load()} in a test.
 *
 * <pre>{@code
 * assertThat(run.load().during()).errorRate().isLessThan(0.01);
 * assertThat(run.load().during()).percentile(99).isLessThan(Duration.ofMillis(800));
 * }</pre>
 */
public interface LoadResults {

    /** The steady state's name. */
    String name();

    /** The baseline window (after the warm-up). Known once the before phase ended, so always in the test body. */
    PhaseStats before();

    /**
     * The chaos window. Called from the test body (which runs while faults are active), it waits until the declared
     * {@link SteadyState#duration()} has passed, then returns that window; called after the phase ended, the whole
     * phase.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    PhaseStats during() throws InterruptedException;

    /**
     * The recovery window.
     *
     * @throws IllegalStateException when called before the after phase ended, for example from the test body: the
     *     after phase starts when the body returned; its verdict is judged by the extension
     */
    PhaseStats after();

    /** Time from the revert until the load met the tolerances again; empty until known or if it never did. */
    Optional<Duration> recoveryTime();

    /** One aggregate per second of the whole run so far, for charts. */
    List<LoadStats> timeline();

    /** Implemented by steady-state checks that run load, so that {@code run.load()} can find them. */
    interface Source {
        /** The load results of this check. */
        LoadResults loadResults();
    }
}
