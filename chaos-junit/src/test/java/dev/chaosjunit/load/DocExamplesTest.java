package dev.chaosjunit.load;

import dev.chaosjunit.load.internal.ArrivalSchedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/load-driver.md, compiled and run against a loopback server. Keep them in sync. */
class DocExamplesTest {

    private TestServer server;
    private String baseUrl;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer().ok("/catalogue", "[{\"id\":\"sock-1\"}]").ok("/health", "{\"status\":\"UP\"}");
        baseUrl = server.url("");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void openModelWithPhaseWindows() throws Exception {
        // --8<-- [start:open]
        try (LoadRun run = LoadDriver.target(baseUrl)
                .request(Request.get("/catalogue").check(Check.status(200)))
                .profile(LoadProfile.constantRate(200, "3s"))
                .maxConnections(32)
                .progress(false)
                .start()) {
            Instant t0 = run.startedAt();
            Thread.sleep(2_200);                                   // the "during" phase is read while running
            LoadStats firstTwoSeconds = run.window(t0, t0.plusSeconds(2));
            LoadStats total = run.awaitCompletion();
            System.out.printf("p99 %s (uncorrected %s), %.0f req/s, error rate %.4f, dropped %d%n",
                    total.percentile(99), total.uncorrectedPercentile(99), total.throughput(),
                    total.errorRate(), total.dropped());
            // --8<-- [end:open]
            assertThat(total.count()).isEqualTo(600);
            // read during the run, the window holds the seconds published so far: a prefix of the final window
            LoadStats finalTwoSeconds = run.window(t0, t0.plusSeconds(2));
            if (firstTwoSeconds.duration().equals(Duration.ofSeconds(2))) {
                assertThat(firstTwoSeconds.count()).isEqualTo(finalTwoSeconds.count());
            } else {
                assertThat(firstTwoSeconds.count()).isLessThanOrEqualTo(finalTwoSeconds.count());
            }
            assertThat(finalTwoSeconds.count()).isBetween(400L - LateArrivals.atMost(total, 5), 400L);
        }
    }

    /** Exact bounds on how many requests of an evenly spaced schedule completed after a boundary they were due before. */
    static final class LateArrivals {
        /**
         * Requests are due every {@code spacingMillis}; none is sent before it is due. If {@code k} requests due before
         * a boundary completed after it, the earliest of them was due at least {@code k} spacings before it, so the
         * run's highest corrected latency exceeds {@code k * spacing}. A stall raises that latency and the allowance
         * with it; a window taking the wrong seconds is off by whole seconds (200 requests here).
         */
        static long atMost(LoadStats run, long spacingMillis) {
            double maxMillis = run.max().toNanos() / 1e6 * 1.01; // 2 significant digits
            return (long) Math.floor(maxMillis / spacingMillis);
        }
    }

    @Test
    void stagesAndPoisson() throws Exception {
        // --8<-- [start:stages]
        LoadProfile profile = LoadProfile.stages(
                        LoadProfile.Stage.ramp(0, 100, "1s"),      // warm up
                        LoadProfile.Stage.hold(100, "1s"))         // steady
                .poisson(42);                                      // seeded Poisson arrivals
        LoadStats stats = LoadDriver.target(baseUrl + "/health").profile(profile).progress(false).run();
        // --8<-- [end:stages]
        // seeded arrivals: the schedule is the same every time; each arrival is either answered or dropped, once
        long arrivals = 0;
        ArrivalSchedule schedule = new ArrivalSchedule(profile, 0, 1);
        while (schedule.next() != ArrivalSchedule.END) {
            arrivals++;
        }
        assertThat(arrivals).isBetween(110L, 190L); // Poisson with mean 150 (sd 12): the seeded draw, not the machine
        assertThat(stats.count() + stats.dropped()).isEqualTo(arrivals);
        assertThat(server.hits("/health")).isEqualTo(stats.count());
    }

    @Test
    void closedModelUsers() throws Exception {
        long t0 = System.nanoTime();
        // --8<-- [start:closed]
        LoadStats stats = LoadDriver.target(baseUrl)
                .request(Request.get("/health").check(Check.jsonEquals("status", "UP")))
                .profile(LoadProfile.closed(5, "1s").withThinkTime(ThinkTime.between("20ms", "60ms")))
                .progress(false)
                .run();
        // --8<-- [end:closed]
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(stats.errors()).isZero();
        // exact: a user's sends are at least one 20ms pause apart and none is after the 1s schedule: 5 x (1 + 50)
        assertThat(stats.count()).isLessThanOrEqualTo(255L);
        // the pauses the 5 users actually took, from the run's own latency sum and its elapsed time (PausesTaken):
        // their mean lies within the think time's [20ms, 60ms] whatever the load (uniform draws: about 40ms); a
        // driver that skipped the pauses leaves almost none (~0ms), one that doubled them ~80ms
        PausesTaken taken = PausesTaken.of(stats, 5, Duration.ofSeconds(1), Duration.ofMillis(60), elapsed);
        assertThat(taken.highEstimateMillis()).as("%s", taken).isGreaterThanOrEqualTo(20.0);
        assertThat(taken.lowEstimateMillis()).as("%s", taken).isLessThanOrEqualTo(60.0);
    }

    @Test
    void micrometer() throws Exception {
        // --8<-- [start:micrometer]
        MeterRegistry registry = new SimpleMeterRegistry();
        LoadDriver.target(baseUrl + "/health").meterRegistry(registry).meterHistograms(false)
                .profile(LoadProfile.constantRate(50, "1s")).progress(false).run();
        double ok = registry.get("chaos.load.requests").tag("outcome", "ok").counter().count();
        // --8<-- [end:micrometer]
        assertThat(ok).isEqualTo(50.0);
        assertThat(Duration.ofNanos((long) registry.get("chaos.load.latency").timer().mean(
                java.util.concurrent.TimeUnit.NANOSECONDS))).isPositive();
    }
}
