package dev.chaosjunit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** after / duration / every, with and without a chaos window. */
class SchedulesTest {

    static final List<List<FaultEvent>> TIMELINES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        FaultLog.clear();
        TIMELINES.clear();
    }

    @Fixture
    static class CutShort {
        @ChaosTest
        @Recorded(name = "long", after = "100ms", duration = "5s")
        @Recorded(name = "late", after = "5s")
        void bodyEndsFirst(ChaosRun run) throws Exception {
            // until "long" (due at +100ms) is in, however late a busy machine brings it (at most 3s)
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (run.timeline().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100);
            TIMELINES.add(run.timeline());
        }

        @org.junit.jupiter.api.AfterEach
        void after() {
        }
    }

    @Test
    void withoutAWindowSchedulesAreCutWhenTheBodyEndsAndSaySo() {
        long start = System.nanoTime();
        EngineExecutionResults results = Fixtures.run(CutShort.class);

        Fixtures.assertCounts(results, 1, 0);
        // cut when the body ends (well under a second); running the schedules out takes more than 5s: 4s is between
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(FaultLog.actions()).containsExactly("inject long", "revert long");
        assertThat(TIMELINES.get(0)).extracting(FaultEvent::action).containsExactly(FaultEvent.Action.INJECTED);
        String journal = read("CutShort", "bodyEndsFirst");
        assertThat(journal).contains("\"action\": \"reverted\"", "\"detail\": \"cut short: planned until +5100ms\"",
                "\"action\": \"skipped\"",
                "\"detail\": \"the chaos phase ended before it was due (after 5s until the chaos phase ends)\"");
    }

    @Fixture
    static class Window {
        @ChaosTest(window = "1s")
        @Recorded(name = "r", duration = "100ms", every = "300ms")
        void repeats() {
        }
    }

    @Test
    void aWindowKeepsTheChaosPhaseOpenSoRepeatsRunTheirCourse() {
        long start = System.nanoTime();
        EngineExecutionResults results = Fixtures.run(Window.class);

        Fixtures.assertCounts(results, 1, 0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<FaultLog.Entry> injects = FaultLog.entries("inject", "r");
        List<FaultLog.Entry> reverts = FaultLog.entries("revert", "r");
        // due at +0, +300, +600 and +900ms of the 1s window: at most 4 (exact); a repeat that is ignored gives 1, one
        // that does not wait its period (back to back every 100ms) 10. Late wake-ups on a busy machine can move a
        // repeat later, never add one; losing two of them takes a stall of most of the window
        assertThat(injects.size()).isBetween(2, 4);
        assertThat(reverts).hasSameSizeAs(injects);
        assertThat(FaultLog.active()).isEmpty();
        // one at a time, each reverted before the next starts, all inside the 1s window
        for (int i = 0; i < injects.size(); i++) {
            assertThat(reverts.get(i).at()).isAfterOrEqualTo(injects.get(i).at());
            if (i + 1 < injects.size()) {
                assertThat(injects.get(i + 1).at()).isAfterOrEqualTo(reverts.get(i).at());
            }
        }
        assertThat(Duration.between(injects.get(0).at(), injects.get(injects.size() - 1).at()))
                .isLessThan(Duration.ofSeconds(1));
        List<String> instances = injects.stream().map(FaultLog.Entry::instance).collect(Collectors.toList());
        assertThat(instances).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).matches("chaos-junit\\.[0-9a-f]{8}\\.\\d+\\.recorded-\\d+"));
    }

    @Fixture
    @org.junit.jupiter.api.extension.ExtendWith(dev.chaosjunit.ChaosExtension.class)
    static class Repeated {
        @org.junit.jupiter.api.RepeatedTest(3)
        @Recorded(name = "each")
        void repeated(ChaosRun run) {
            assertThat(FaultLog.active("each")).hasSize(1);
            assertThat(run.journal().getFileName().toString()).matches("repeated-\\d\\.json");
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
        @Recorded(name = "param")
        void parameterized(int n) {
            assertThat(FaultLog.active("param")).hasSize(1);
        }
    }

    @Test
    void everyInvocationOfATemplateIsItsOwnExperiment() {
        Fixtures.assertCounts(Fixtures.run(Repeated.class), 5, 0);
        assertThat(FaultLog.entries("inject", "each")).hasSize(3);
        assertThat(FaultLog.entries("revert", "each")).hasSize(3);
        assertThat(FaultLog.entries("inject", "param")).hasSize(2);
        assertThat(FaultLog.active()).isEmpty();
        assertThat(read("Repeated", "repeated-3")).contains("\"action\": \"reverted\"");
    }

    static String read(String fixture, String method) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("target/chaos-reports/fixtures",
                    SchedulesTest.class.getName() + "$" + fixture, method + ".json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
