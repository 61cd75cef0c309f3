package dev.chaosjunit.load;

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
            assertThat(firstTwoSeconds.count()).isBetween(340L, 420L);
            assertThat(total.count()).isEqualTo(600);
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
        assertThat(stats.count()).isBetween(110L, 190L); // 150 expected
    }

    @Test
    void closedModelUsers() throws Exception {
        // --8<-- [start:closed]
        LoadStats stats = LoadDriver.target(baseUrl)
                .request(Request.get("/health").check(Check.jsonEquals("status", "UP")))
                .profile(LoadProfile.closed(5, "1s").withThinkTime(ThinkTime.between("20ms", "60ms")))
                .progress(false)
                .run();
        // --8<-- [end:closed]
        assertThat(stats.count()).isBetween(50L, 130L);
        assertThat(stats.errors()).isZero();
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
