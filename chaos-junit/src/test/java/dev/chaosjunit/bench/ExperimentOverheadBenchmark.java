package dev.chaosjunit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.network.LimitBandwidth;
import dev.chaosjunit.network.LimitData;
import dev.chaosjunit.network.SliceData;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A harness (not a test): what a chaos experiment costs per test on top of a plain JUnit test, with the embedded
 * server. Prints mean milliseconds per test for: a plain test, the extension without faults, one toxic injected and
 * reverted, four toxics. Run with {@code scripts/bench-core.sh}.
 */
public final class ExperimentOverheadBenchmark {

    static final int N = Integer.getInteger("bench.n", 300);
    static final ByteServer UPSTREAM = ByteServer.start();

    private ExperimentOverheadBenchmark() {
    }

    @Fixture
    static class Plain {
        @RepeatedTest(300)
        void test() {
        }
    }

    @Fixture
    static class NoFault {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("p", UPSTREAM.address()).build();

        @RepeatedTest(300)
        void test() {
        }
    }

    @Fixture
    static class OneToxic {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("p", UPSTREAM.address()).build();

        @RepeatedTest(300)
        @InjectLatency(proxy = "p", latency = "1ms")
        void test() {
        }
    }

    @Fixture
    static class FourToxics {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("p", UPSTREAM.address()).build();

        @RepeatedTest(300)
        @InjectLatency(proxy = "p", latency = "1ms")
        @LimitBandwidth(proxy = "p", rate = "1MB/s")
        @SliceData(proxy = "p", averageSize = 100)
        @LimitData(proxy = "p", bytes = 100000)
        void test() {
        }
    }

    public static void main(String[] args) throws Exception {
        Path journals = Files.createTempDirectory("chaos-bench-journals");
        Class<?>[] fixtures = {Plain.class, NoFault.class, OneToxic.class, FourToxics.class};
        for (Class<?> f : fixtures) {   // warm-up round
            run(f, journals);
        }
        double plain = 0;
        System.out.printf(Locale.ROOT, "%-12s %10s %14s %s%n", "fixture", "ms/test", "overhead ms", "(300 tests each, "
                + "best of 3 rounds)");
        for (Class<?> f : fixtures) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                best = Math.min(best, run(f, journals));
            }
            if (f == Plain.class) {
                plain = best;
            }
            System.out.printf(Locale.ROOT, "%-12s %10.3f %14.3f%n", f.getSimpleName(), best, best - plain);
        }
        UPSTREAM.close();
        System.exit(0);
    }

    private static double run(Class<?> fixture, Path journals) {
        long start = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter(Fixtures.FIXTURE_PARAMETER, "true")
                .configurationParameter("chaos.journal.dir", journals.toString())
                .execute();
        long elapsed = System.nanoTime() - start;
        long ok = results.testEvents().succeeded().count();
        if (ok != 300) {
            throw new IllegalStateException(fixture.getSimpleName() + ": " + Fixtures.summary(results));
        }
        return elapsed / 1e6 / ok;
    }
}
