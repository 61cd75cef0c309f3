package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.check.Phase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.SwitchableServer;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HealthProbe} against a real loopback server whose health the test switches. */
class HealthProbeTest {

    static final SwitchableServer SERVER = SwitchableServer.start();
    static final AtomicReference<ChaosRun> RUN = new AtomicReference<>();

    @BeforeAll
    static void publishUrl() {
        System.setProperty("HEALTH_PROBE_TEST_URL", SERVER.url("/health"));
    }

    @AfterAll
    static void stop() {
        System.clearProperty("HEALTH_PROBE_TEST_URL");
        SERVER.close();
    }

    @BeforeEach
    void reset() {
        SERVER.mode(SwitchableServer.Mode.OK);
        RUN.set(null);
    }

    @Fixture
    static class Healthy {
        @ChaosTest(window = "600ms")
        @HealthProbe(url = "${HEALTH_PROBE_TEST_URL}", jsonPath = "status", equals = "UP", every = "100ms",
                maxLatency = "500ms")
        void body(ChaosRun run) {
            RUN.set(run);
        }
    }

    @Test
    void aHealthyServicePassesEveryPhase() {
        Fixtures.assertCounts(Fixtures.run(Healthy.class), 1, 0);
        assertThat(RUN.get().verdicts()).extracting(Verdict::phase).containsExactly(Phase.BEFORE, Phase.DURING,
                Phase.AFTER);
        assertThat(RUN.get().verdicts()).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo(Verdict.Status.PASS);
            assertThat(v.check()).isEqualTo("health probe \"health\"");
        });
        // the during phase lasts the 600ms window, probed every 100ms: at most 7 probes (at +0ms .. +600ms), all
        // of them answered. Late wake-ups on a busy machine can only lose probes; losing all but one takes a stall of
        // half a second, while a probe that is not repeated gives 1 and one that ignores its period dozens
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) of (\\d+) probes of http://127\\.0\\.0\\.1:\\d+"
                + "/health succeeded \\(100%, min 100%\\)").matcher(RUN.get().verdicts().get(1).message());
        assertThat(m.matches()).as(RUN.get().verdicts().get(1).message()).isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2));
        assertThat(Integer.parseInt(m.group(2))).isBetween(2, 7);
    }

    @Fixture
    static class GoesDown {
        @ChaosTest(window = "800ms")
        @HealthProbe(url = "${HEALTH_PROBE_TEST_URL}", jsonPath = "status", equals = "UP", every = "100ms",
                phases = {Phase.BEFORE, Phase.DURING})
        void body() {
            SERVER.mode(SwitchableServer.Mode.FAIL);
        }
    }

    @Test
    void aProbeThatFailsDuringChaosFailsThatPhaseWithTheFirstFailure() {
        Throwable failure = Fixtures.failure(Fixtures.run(GoesDown.class));

        assertThat(failure.getMessage()).startsWith("steady state not held\n")
                .containsPattern("before \\| health probe \"health\" \\| PASS")
                .containsPattern("during \\| health probe \"health\" \\| FAIL +\\| \\d of \\d probes of .* succeeded "
                        + "\\(\\d+%, min 100%\\); first failure: status = \"DOWN\" \\(expected \"UP\"; body "
                        + "\\{\"status\":\"DOWN\"\\}\\)")
                .doesNotContain("after  | health probe");
    }

    @Fixture
    static class Unreachable {
        @ChaosTest
        @HealthProbe(url = "http://127.0.0.1:9/health", every = "100ms", maxLatency = "200ms")
        void body() {
        }
    }

    @Test
    void anUnreachableServiceIsNotSteadyBeforeChaos() {
        Throwable failure = Fixtures.failure(Fixtures.run(Unreachable.class));
        assertThat(failure.getMessage()).startsWith("not steady before chaos: a check failed in the baseline\n")
                .containsPattern("before \\| health probe \"health\" \\| (FAIL|INCONCLUSIVE)");
    }
}
