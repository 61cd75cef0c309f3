package dev.chaosjunit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.testing.SwitchableServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A rate far beyond what the driver can send: one it cannot schedule is refused before anything starts; one it can
 * costs constant time per late arrival, so the run ends within its duration plus the drain.
 */
class OverloadTest {

    static final SwitchableServer SERVER = SwitchableServer.start();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void aRateTheScheduleCannotResolveIsRefused() {
        assertThatThrownBy(() -> LoadProfile.constantRate(1e10, "1s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be at most 1000000000 requests per second (one arrival per nanosecond, the"
                        + " resolution of the driver's schedule), got 10000000000");
        assertThatThrownBy(() -> LoadProfile.ramp(0, 2e9, "1s")).hasMessageContaining("must be at most 1000000000");
        assertThatThrownBy(() -> LoadProfile.constantRate(1e9, Duration.ofDays(30)))
                .hasMessageContaining("arrivals; the driver schedules at most 1.0E15 in one run");
    }

    @Test
    void theHighestRateEndsOnTimeAndCountsEveryArrival() throws InterruptedException {
        long t0 = System.nanoTime();
        LoadStats total = LoadDriver.target(SERVER.url("/work")).profile(LoadProfile.constantRate(1e9, "3s"))
                .maxConnections(4).dropAfter("100ms").drainTimeout("1s").progress(false).run();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // 3e9 evenly spaced arrivals: each one was either sent (and completed, or abandoned at the drain as a
        // timeout) or dropped, exactly once
        assertThat(total.count() + total.dropped()).isEqualTo(3_000_000_000L);
        assertThat(total.count()).isPositive();
        // 3s of load + the 1s drain bound + 5s for a busy machine's stalls. Dropping late arrivals one by one took
        // about 7.5ns each, 22s and more for these 3e9, so the bound is far from both answers.
        assertThat(took).isLessThan(Duration.ofSeconds(9));
    }

    @Test
    void poissonArrivalsAtTheHighestRateEndOnTimeToo() throws InterruptedException {
        long t0 = System.nanoTime();
        LoadStats total = LoadDriver.target(SERVER.url("/work"))
                .profile(LoadProfile.constantRate(1e9, "2s").poisson(7))
                .maxConnections(4).dropAfter("100ms").drainTimeout("1s").progress(false).run();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // the skipped count of Poisson arrivals is the expected number: within 1% of the 2e9 offered
        assertThat((double) (total.count() + total.dropped())).isBetween(1.98e9, 2.02e9);
        assertThat(took).isLessThan(Duration.ofSeconds(8));   // 2s + 1s drain + 5s slack, as above
    }
}
