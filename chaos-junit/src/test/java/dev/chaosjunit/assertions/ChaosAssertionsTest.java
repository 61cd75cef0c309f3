package dev.chaosjunit.assertions;

import static dev.chaosjunit.assertions.ChaosAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.steadystate.PhaseStats;
import dev.chaosjunit.testing.SwitchableServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failure messages of {@link ChaosAssertions} on real load windows: they show the numbers of every phase. */
class ChaosAssertionsTest {

    static final SwitchableServer SERVER = SwitchableServer.start();
    static LoadStats healthy;
    static LoadStats failing;

    @BeforeAll
    static void measure() throws InterruptedException {
        LoadDriver driver = LoadDriver.target(SERVER.url("/work")).progress(false)
                .profile(LoadProfile.constantRate(50, "2s"));
        healthy = driver.run();
        SERVER.mode(SwitchableServer.Mode.FAIL);
        failing = driver.run();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void passingAssertionsPass() {
        assertThat(healthy).hasNoErrors().hasNoDrops().hasErrorRateBelow(0.01)
                .hasPercentileBelow(50, healthy.max().plusMillis(1)).hasThroughputAtLeast(10);
        assertThat(healthy).errorRate().isZero();
        // p99 is at most the run's own highest latency (exact); every one of the 100 arrivals is answered or dropped
        assertThat(healthy).percentile(99).isLessThanOrEqualTo(healthy.max());
        assertThat(healthy).count().isEqualTo(100L - healthy.dropped());
    }

    @Test
    void aPhaseFailureShowsEveryPhase() {
        PhaseStats before = new PhaseStats("checkout", Phase.BEFORE, healthy, () -> "");
        PhaseStats during = new PhaseStats("checkout", Phase.DURING, failing,
                () -> "  before  " + before.summary() + "\n  during  " + PhaseStats.line(failing));

        assertThatThrownBy(() -> assertThat(during).errorRate().isLessThan(0.01))
                .hasMessageContaining("[error rate of load \"checkout\" during chaos")
                .hasMessageContaining("phases:")
                .hasMessageContaining("  before  " + before.summary())
                .hasMessageMatching("(?s).*  during  \\d+ requests, .* errors 100\\.00% \\(http_5xx \\d+\\).*")
                .hasMessageContaining("Expecting actual:\n  1.0\nto be less than:\n  0.01");
        assertThatThrownBy(() -> assertThat(during).hasNoErrors())
                .hasMessageMatching("(?s)Expecting no errors in load \"checkout\" during chaos but \\d+ of \\d+ requests"
                        + " failed: \\{HTTP_5XX=\\d+}\nphases:\n.*");
    }

    @Test
    void aPlainWindowShowsItsOwnNumbers() {
        assertThatThrownBy(() -> assertThat(failing).hasErrorRateBelow(0.5))
                .hasMessageMatching("(?s)Expecting error rate in load window \\[.*\\) below 50\\.00% but was 100\\.00%\n"
                        + "window: \\d+ requests, .*");
    }
}
