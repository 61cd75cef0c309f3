package dev.chaosjunit.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosResourceLocks;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Under JUnit's parallel executor, tests faulting the same resource never overlap, and tests on different resources
 * do run at the same time. Proven with JUnit's {@code ResourceLocksProvider} and with the extension's own locks.
 */
class ParallelExecutionTest {

    record Interval(String test, Instant start, Instant end) {
    }

    static final List<Interval> SHARED = new CopyOnWriteArrayList<>();
    static CyclicBarrier together;

    @BeforeEach
    void clear() {
        FaultLog.clear();
        SHARED.clear();
        together = new CyclicBarrier(2);
    }

    static void useShared(String test) throws InterruptedException {
        Instant start = Instant.now();
        assertThat(FaultLog.active("shared")).as("only this test's fault on the shared resource").hasSize(1);
        Thread.sleep(150);
        assertThat(FaultLog.active("shared")).hasSize(1);
        SHARED.add(new Interval(test, start, Instant.now()));
    }

    static void meet() throws Exception {
        together.await(20, TimeUnit.SECONDS);   // fails unless both independent tests run at the same time
    }

    @Fixture
    static class Tests {
        @ChaosTest
        @Recorded(name = "shared")
        void shared1() throws InterruptedException {
            useShared("1");
        }

        @ChaosTest
        @Recorded(name = "shared")
        void shared2() throws InterruptedException {
            useShared("2");
        }

        @ChaosTest
        @Recorded(name = "shared")
        void shared3() throws InterruptedException {
            useShared("3");
        }

        @ChaosTest
        @Recorded(name = "shared")
        void shared4() throws InterruptedException {
            useShared("4");
        }

        @ChaosTest
        @Recorded(name = "left")
        void independentLeft() throws Exception {
            meet();
        }

        @ChaosTest
        @Recorded(name = "right")
        void independentRight() throws Exception {
            meet();
        }
    }

    @ResourceLock(providers = ChaosResourceLocks.class)
    @Fixture
    static class WithJUnitLocks extends Tests {
    }

    @Fixture
    static class WithExtensionLocksOnly extends Tests {
    }

    @ParameterizedTest
    @ValueSource(classes = {WithJUnitLocks.class, WithExtensionLocksOnly.class})
    void sharedResourcesAreSerialisedAndOthersRunInParallel(Class<?> fixture) {
        EngineExecutionResults results = Fixtures.run(fixture,
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

        Fixtures.assertCounts(results, 6, 0);
        List<Interval> intervals = new ArrayList<>(SHARED);
        intervals.sort(Comparator.comparing(Interval::start));
        assertThat(intervals).hasSize(4);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).start()).as("shared tests must not overlap: " + intervals)
                    .isAfterOrEqualTo(intervals.get(i - 1).end());
        }
        assertThat(FaultLog.active()).isEmpty();
    }
}
