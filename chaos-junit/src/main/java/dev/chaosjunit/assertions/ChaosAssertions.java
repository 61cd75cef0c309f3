package dev.chaosjunit.assertions;

import dev.chaosjunit.load.LoadStats;

/**
 * The one entry point for chaos-junit's AssertJ assertions (AssertJ is an optional dependency: add
 * {@code org.assertj:assertj-core} to use these).
 *
 * <pre>{@code
 * import static dev.chaosjunit.assertions.ChaosAssertions.assertThat;
 *
 * assertThat(run.load().during()).errorRate().isLessThan(0.01);
 * assertThat(run.load().during()).percentile(99).isLessThan(Duration.ofMillis(800));
 * assertThat(run.load().before()).hasNoErrors().hasNoDrops();
 * }</pre>
 *
 * Failure messages show the window's numbers and, for a phase of an experiment, every phase's numbers side by side.
 */
public final class ChaosAssertions {

    private ChaosAssertions() {
    }

    /** Assertions on a window of load (a phase from {@code run.load()}, or any {@link LoadStats}). */
    public static LoadStatsAssert assertThat(LoadStats actual) {
        return new LoadStatsAssert(actual);
    }
}
