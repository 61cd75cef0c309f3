package dev.chaosjunit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Probe;
import dev.chaosjunit.testing.ProbeLog;
import dev.chaosjunit.testing.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** BEFORE - DURING - revert - AFTER - verdicts, through the test-only {@link Probe} check. */
class ExperimentPhasesTest {

    @BeforeEach
    void clear() {
        FaultLog.clear();
        ProbeLog.clear();
    }

    @Fixture
    static class Phases {
        @ChaosTest(window = "600ms")
        @Probe(baseline = "300ms", recovery = "300ms")
        @Recorded(name = "w", after = "100ms", duration = "200ms")
        void runsThePhasesInOrder(ChaosRun run) {
            assertThat(ProbeLog.events()).containsExactly("start before", "end before", "start during");
        }
    }

    @Test
    void phasesRunInOrderAndLastAsLongAsAsked() {
        EngineExecutionResults results = Fixtures.run(Phases.class);

        Fixtures.assertCounts(results, 1, 0);
        assertThat(ProbeLog.events()).containsExactly("start before", "end before", "start during", "end during",
                "start after", "end after", "close");
        assertThat(between("start before", "end before")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(between("start during", "end during")).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(between("start after", "end after")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Instant duringStart = ProbeLog.get("start during").reported();
        Instant injected = FaultLog.entries("inject", "w").get(0).at();
        Instant reverted = FaultLog.entries("revert", "w").get(0).at();
        // exact, whatever the load: not injected before its 100ms offset, not reverted before offset + duration
        // (300ms, less 10ms of clock granularity), and reverted inside the 600ms chaos window, before the during
        // phase ended. Late wake-ups move these later, never earlier: an ignored offset injects at ~0ms, an ignored
        // duration reverts only with the window, after the during phase ended
        assertThat(Duration.between(duringStart, injected)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(injected).isBefore(reverted);
        assertThat(Duration.between(duringStart, reverted)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(reverted).isBefore(ProbeLog.get("end during").reported());
    }

    private static Duration between(String a, String b) {
        return Duration.between(ProbeLog.get(a).reported(), ProbeLog.get(b).reported());
    }

    @Fixture
    static class FailsDuring {
        @ChaosTest
        @Probe(failIn = Phase.DURING)
        @Recorded(name = "f")
        void body() {
        }
    }

    @Test
    void aFailedVerdictFailsTheTestWithAPerPhaseTable() {
        EngineExecutionResults results = Fixtures.run(FailsDuring.class);

        assertThat(Fixtures.failure(results)).hasMessage("steady state not held\n"
                + "  phase  | check | verdict      | message\n"
                + "  before | probe | PASS         | error rate 0.0% <= 1.0%\n"
                + "  during | probe | FAIL         | error rate 5.0% > 1.0%\n"
                + "  after  | probe | PASS         | error rate 0.0% <= 1.0%");
        assertThat(FaultLog.actions()).containsExactly("inject f", "revert f");
    }

    @Fixture
    static class NotSteady {
        @ChaosTest
        @Probe(failIn = Phase.BEFORE)
        @Recorded(name = "never")
        void body() {
            fail("the body must not run when the system is not steady");
        }
    }

    @Test
    void aFailedBaselineMeansNotSteadyBeforeChaosAndNoFaultStarts() {
        EngineExecutionResults results = Fixtures.run(NotSteady.class);

        assertThat(Fixtures.failure(results)).hasMessage("not steady before chaos: a check failed in the baseline\n"
                + "  phase  | check | verdict      | message\n"
                + "  before | probe | FAIL         | error rate 5.0% > 1.0%");
        assertThat(FaultLog.actions()).isEmpty();
        assertThat(ProbeLog.events()).containsExactly("start before", "end before", "close");
    }

    @Fixture
    static class HaltsBefore {
        @ChaosTest
        @Probe(baseline = "20s", haltAfter = "100ms", haltPhase = Phase.BEFORE)
        @Recorded(name = "never")
        void body() {
            fail("not reached");
        }
    }

    @Test
    void aHaltInTheBaselineFailsFastAsNotSteady() {
        long start = System.nanoTime();
        EngineExecutionResults results = Fixtures.run(HaltsBefore.class);

        assertThat(Fixtures.failure(results)).hasMessageStartingWith(
                "not steady before chaos: probe saw the error rate above 1%");
        // the baseline asked for 20s; halted after 100ms it ends in about a second: 10s is far from both
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(FaultLog.actions()).isEmpty();
    }

    @Fixture
    static class HaltsDuring {
        @ChaosTest
        @Probe(haltAfter = "300ms")
        @Recorded(name = "halted")
        void body() throws InterruptedException {
            Thread.sleep(30_000);
        }
    }

    @Test
    void aHaltDuringChaosRevertsAtOnceAndFailsFast() {
        long start = System.nanoTime();
        EngineExecutionResults results = Fixtures.run(HaltsDuring.class);

        Throwable failure = Fixtures.failure(results);
        assertThat(failure).hasMessageStartingWith("experiment halted during chaos: probe saw the error rate above 1%");
        // without the halt the body sleeps 30s; with it, the run takes about a second: 15s is far from both
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        Instant halt = ProbeLog.get("halt during").at();
        Instant reverted = FaultLog.entries("revert", "halted").get(0).at();
        // the revert follows the halt at once (milliseconds); waiting for the body would take 30s: 10s is far from both
        assertThat(Duration.between(halt, reverted)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
        assertThat(FaultLog.active()).isEmpty();
        assertThat(ProbeLog.events()).containsExactly("start before", "end before", "start during", "halt during",
                "end during", "close");
    }

    @Fixture
    static class Throws {
        @ChaosTest
        @Probe(throwIn = Phase.DURING)
        void body() {
        }
    }

    @Test
    void aCheckThatThrowsGivesAFailVerdict() {
        assertThat(Fixtures.failure(Fixtures.run(Throws.class))).hasMessageContaining(
                "  during | probe | FAIL         | threw at the end of during: java.lang.IllegalStateException: "
                        + "probe broke");
    }

    @Fixture
    static class Inconclusive {
        @ChaosTest
        @Probe(inconclusiveIn = Phase.AFTER)
        void body() {
        }
    }

    @Test
    void anInconclusiveVerdictDoesNotFailTheTest() {
        Fixtures.assertCounts(Fixtures.run(Inconclusive.class), 1, 0);
    }

    /** A programmatic check: records the phases it saw, fails DURING. */
    static final class CountingCheck implements SteadyStateCheck {
        static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "programmatic";
        }

        @Override
        public void phaseEnded(Phase phase, Instant at, ExperimentControl control) {
            SEEN.add(phase.label());
            if (phase == Phase.DURING) {
                control.verdict(Verdict.fail(name(), phase, "p99 950ms > 800ms"));
            }
        }
    }

    @Fixture
    static class Programmatic {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().check(CountingCheck::new).build();

        @Test
        void body(ChaosRun run) {
            assertThat(run.check(CountingCheck.class).name()).isEqualTo("programmatic");
            assertThatThrownBy(() -> run.check(OtherCheck.class)).hasMessage("no steady-state check(s) of type "
                    + OtherCheck.class.getName() + " in this experiment: its checks are [programmatic ("
                    + CountingCheck.class.getName() + ")]");
        }
    }

    interface OtherCheck extends SteadyStateCheck {
    }

    @Test
    void checksCanBeRegisteredInCode() {
        CountingCheck.SEEN.clear();
        assertThat(Fixtures.failure(Fixtures.run(Programmatic.class))).hasMessage("steady state not held\n"
                + "  phase  | check        | verdict      | message\n"
                + "  during | programmatic | FAIL         | p99 950ms > 800ms");
        assertThat(CountingCheck.SEEN).containsExactly("before", "during", "after");
    }
}
