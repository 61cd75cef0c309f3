package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.check.Phase;
import static dev.chaosjunit.assertions.ChaosAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.network.TakeDown;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.SwitchableServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/**
 * {@link SteadyState} end to end: the embedded load driver sends real requests through the embedded
 * Toxiproxy-compatible server to a real loopback HTTP server, and the phase verdicts follow what the faults did.
 */
class SteadyStateTest {

    static final SwitchableServer SERVER = SwitchableServer.start();
    static final AtomicReference<ChaosRun> RUN = new AtomicReference<>();
    static final AtomicBoolean BODY_RAN = new AtomicBoolean();

    @BeforeEach
    void reset() {
        SERVER.mode(SwitchableServer.Mode.OK);
        RUN.set(null);
        BODY_RAN.set(false);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    /** The proxy "svc" in front of the server, and the load through it. */
    abstract static class ThroughProxy {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("svc", SERVER.address()).build();

        @ChaosLoad
        static LoadDriver svc() {
            return LoadDriver.target(chaos.proxy("svc").url("http") + "/work").progress(false);
        }
    }

    @Fixture
    static class Holds extends ThroughProxy {
        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "60ms")
        @SteadyState(load = "svc", rate = 40, warmup = "300ms", baseline = "1s", duration = "2s", recovery = "2s",
                p99 = "1s")
        void survivesLatency(ChaosRun run) throws InterruptedException {
            RUN.set(run);
            // the 60ms toxic delays every response of the chaos window (a busy machine only adds to that); the
            // baseline, measured in the same test without the fault, is at least 30ms faster: it is ~60ms faster
            // when right, and equal when the fault leaks into the baseline (or the window reads the wrong seconds).
            // Its fastest quarter: a window holds the seconds whose midpoint lies inside, so when the baseline's
            // start is late (a busy machine) its one second may run on into the chaos window by up to half of it
            Duration during = run.load().during().percentile(50);
            assertThat(during).isGreaterThanOrEqualTo(Duration.ofMillis(58));
            assertThat(run.load().before().percentile(25)).isLessThanOrEqualTo(during.minusMillis(30));
            assertThat(run.load().during()).hasNoErrors().hasNoDrops();
        }
    }

    @Test
    void holdsThroughALatencyFaultAndEveryPhaseIsJudged() throws InterruptedException {
        EngineExecutionResults results = Fixtures.run(Holds.class);

        Fixtures.assertCounts(results, 1, 0);
        ChaosRun run = RUN.get();
        assertThat(run.verdicts()).extracting(Verdict::phase, Verdict::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Phase.BEFORE, Verdict.Status.PASS),
                org.assertj.core.groups.Tuple.tuple(Phase.DURING, Verdict.Status.PASS),
                org.assertj.core.groups.Tuple.tuple(Phase.AFTER, Verdict.Status.PASS));
        LoadResults load = run.load();
        // 40/s (25ms apart) over the whole seconds of each window: 1s of baseline, 2s of recovery; requests count in
        // the second they complete, and at most (highest corrected latency / 25ms) of them cross a second's end
        assertThat(load.before().duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(load.after().duration()).isEqualTo(Duration.ofSeconds(2));
        long late = (long) Math.floor(load.timeline().stream().mapToLong(s -> s.max().toNanos()).max().orElse(0)
                * 1.01 / 25_000_000L);
        assertThat(load.before().count()).isBetween(40L - late, 40L + late);
        assertThat(load.after().count()).isBetween(80L - late, 80L + late);
        // recovered: the revert took the 60ms off again, relative to the chaos window of the same run (the first of
        // the two seconds may begin up to half a second before the revert: at most a quarter of the window)
        assertThat(load.after().percentile(50)).isLessThanOrEqualTo(load.during().percentile(50).minusMillis(30));
        assertThat(load.recoveryTime()).contains(Duration.ZERO);
        assertThat(run.verdicts().get(2).message()).startsWith("recovered 0 after the revert (bound 2s); ");
        assertThat(run.verdicts().get(2).detailsJson()).contains("\"recoveryMs\":0");
    }

    @Fixture
    static class Breaks extends ThroughProxy {
        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "300ms")
        // the median, not p99: a stall of the machine in any window must not decide this test, the fault must
        @SteadyState(load = "svc", rate = 30, warmup = "300ms", baseline = "1s", duration = "2s", recovery = "2s",
                p50 = "150ms")
        void slowDependency() {
        }
    }

    @Test
    void failsWhenTheFaultPushesLatencyBeyondTheBound() {
        Throwable failure = Fixtures.failure(Fixtures.run(Breaks.class));

        assertThat(failure).hasMessageStartingWith("steady state not held\n")
                .hasMessageContaining("before | steady state \"svc\" | PASS")
                .hasMessageMatching("(?s).*during \\| steady state \"svc\" \\| FAIL +\\| p50 \\d{3,4}\\.\\dms > max 150ms.*")
                .hasMessageContaining("after  | steady state \"svc\" | PASS");
    }

    @Fixture
    static class NotSteady extends ThroughProxy {
        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "10ms")
        @SteadyState(load = "svc", rate = 30, warmup = "200ms", baseline = "1s")
        void body() {
            BODY_RAN.set(true);
        }
    }

    @Test
    void aFailingSystemIsNotSteadyBeforeChaosAndTheBodyNeverRuns() {
        SERVER.mode(SwitchableServer.Mode.FAIL);
        Throwable failure = Fixtures.failure(Fixtures.run(NotSteady.class));

        assertThat(failure).hasMessageStartingWith("not steady before chaos: steady state \"svc\": error rate 100.00% > "
                + "max 1.00%\n");
        assertThat(failure.getMessage()).contains("before | steady state \"svc\" | FAIL", "(http_5xx ");
        assertThat(BODY_RAN).isFalse();
    }

    @Fixture
    static class NotSteadyAborts extends ThroughProxy {
        @ChaosTest
        @SteadyState(load = "svc", rate = 30, warmup = "200ms", baseline = "1s",
                unsteadyBaseline = SteadyState.UnsteadyBaseline.ABORT)
        void body() {
            BODY_RAN.set(true);
        }
    }

    @Test
    void anUnsteadyBaselineCanAbortInsteadOfFail() {
        SERVER.mode(SwitchableServer.Mode.FAIL);
        EngineExecutionResults results = Fixtures.run(NotSteadyAborts.class);

        assertThat(results.testEvents().aborted().count()).isEqualTo(1);
        Throwable reason = results.testEvents().aborted().list().get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(reason).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("not steady before chaos: steady state \"svc\": error rate 100.00%");
        assertThat(BODY_RAN).isFalse();
    }

    @Fixture
    static class Halts extends ThroughProxy {
        @ChaosTest
        @TakeDown(proxy = "svc")
        @SteadyState(load = "svc", rate = 40, warmup = "200ms", baseline = "1s", duration = "20s",
                haltErrorRate = 0.5, haltWindow = "1s")
        void outage(ChaosRun run) throws InterruptedException {
            RUN.set(run);
            Thread.sleep(30_000);
        }
    }

    @Test
    void aBreachBeyondTheHaltThresholdRevertsAtOnceAndFailsFast() {
        long start = System.nanoTime();
        Throwable failure = Fixtures.failure(Fixtures.run(Halts.class));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.getMessage()).matches("(?s)experiment halted during chaos: steady state \"svc\": error rate "
                + "\\d+\\.\\d\\d% over the last 1s >= haltErrorRate 50.00%\n.*");
        // the chaos window was 20s: without the halt this takes more than 21s; with it, about 3s (warm-up, 1s
        // baseline, about 1.5s to a breach, the revert); 15s is far from both
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        List<FaultEvent> timeline = RUN.get().timeline();
        FaultEvent injected = timeline.stream().filter(e -> e.action() == FaultEvent.Action.INJECTED).findFirst()
                .orElseThrow();
        FaultEvent reverted = timeline.stream().filter(e -> e.action() == FaultEvent.Action.REVERTED).findFirst()
                .orElseThrow();
        // a second is >= 50% errors only if at least half of it (less one 25ms spacing) came after the injection, so
        // no breach is seen before ~475ms; the first whole second with errors closes at most 1.5s after the injection,
        // the watch looks every 200ms and the revert follows at once (~1.7s). Without the halt the fault lives 20s:
        // 10s is far from both
        Duration faultLived = Duration.between(injected.at(), reverted.at());
        assertThat(faultLived).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
        assertThat(RUN.get().verdicts()).filteredOn(v -> v.phase() == Phase.DURING).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("halted: error rate "));
    }

    @Fixture
    static class StaysBroken extends ThroughProxy {
        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "5ms")
        @SteadyState(load = "svc", rate = 30, warmup = "200ms", baseline = "1s", duration = "1s", recovery = "2s")
        void breaksTheServiceForGood() {
            SERVER.mode(SwitchableServer.Mode.FAIL);
        }
    }

    @Test
    void aSystemThatDoesNotRecoverFailsTheAfterPhase() {
        Throwable failure = Fixtures.failure(Fixtures.run(StaysBroken.class));

        assertThat(failure.getMessage()).startsWith("steady state not held\n")
                .contains("after  | steady state \"svc\" | FAIL         | did not recover within the 2s recovery "
                        + "window: error rate 100.00% > max 1.00%");
    }

    @Fixture
    static class AfterFromBody extends ThroughProxy {
        @ChaosTest
        @SteadyState(load = "svc", rate = 20, warmup = "0", baseline = "1s", duration = "1s", recovery = "1s")
        void readsAfterTooEarly(ChaosRun run) {
            RUN.set(run);
            assertThatThrownBy(() -> run.load().after()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the after phase of steady state \"svc\" has not ended: it starts when the test body"
                            + " returned and every fault was reverted; its verdict (recovery within 1s) is judged by"
                            + " the extension");
            assertThatThrownBy(() -> run.load("other")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no steady-state load named \"other\"; known: \"svc\"");
        }
    }

    @Test
    void theAfterPhaseIsNotReadableFromTheBody() {
        Fixtures.assertCounts(Fixtures.run(AfterFromBody.class), 1, 0);
        assertThat(RUN.get().load().after().count()).isPositive();
    }

    @Fixture
    static class Programmatic {
        static final SteadyStateSpec SPEC = SteadyStateSpec.builder("api")
                .load(() -> LoadDriver.target(Programmatic.chaos.proxy("svc").url("http") + "/api").progress(false))
                // p99 of ~30 requests is about their slowest: 1s keeps one stalled request from deciding the verdict
                // (about 20ms through the 20ms toxic); the bound is not what this test is about
                .rate(30).warmup("0").baseline("1s").duration("1s").recovery("1s").p99("1s")
                .build();

        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("svc", SERVER.address()).check(SPEC::toCheck)
                .build();

        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "20ms")
        void builderForm(ChaosRun run) throws InterruptedException {
            RUN.set(run);
            assertThat(run.load("api").during()).percentile(50).isGreaterThanOrEqualTo(Duration.ofMillis(18));
        }
    }

    @Test
    void theBuilderFormWorksLikeTheAnnotation() {
        Fixtures.assertCounts(Fixtures.run(Programmatic.class), 1, 0);
        assertThat(RUN.get().verdicts()).hasSize(3).allMatch(v -> v.status() == Verdict.Status.PASS);
        assertThat(RUN.get().verdicts().get(0).check()).isEqualTo("steady state \"api\"");
    }
}
