package dev.chaosjunit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import dev.chaosjunit.testing.Wire;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic form, alone and together with {@code @ChaosTest}. */
class ProgrammaticExtensionTest {

    static final ByteServer UPSTREAM = ByteServer.start();

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    @Fixture
    static class Both {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("bytes", UPSTREAM.address()).seed(7).build();

        @ChaosTest
        @Recorded(name = "once")
        @InjectLatency(proxy = "bytes", latency = "100ms")
        void declarativeAndProgrammatic(ChaosRun run) {
            assertThat(run.seed()).isEqualTo(7);
            assertThat(run.proxy("bytes")).isEqualTo(chaos.proxy("bytes"));
            Wire.Exchange e = Wire.exchange(run.proxy("bytes"), "GET 10", 10, Duration.ofSeconds(5));
            assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        }
    }

    @Test
    void chaosTestWithARegisteredExtensionRunsTheExperimentOnce() {
        FaultLog.clear();
        Fixtures.assertCounts(Fixtures.run(Both.class), 1, 0);
        assertThat(FaultLog.actions()).containsExactly("inject once", "revert once");
    }

    @Test
    void aProgrammaticProxyIsAvailableBeforeAnyTestRuns() {
        ChaosExtension chaos = ChaosExtension.builder().proxy("early", UPSTREAM.address()).build();
        try {
            Wire.Exchange e = Wire.exchange(chaos.proxy("early"), "GET 10", 10, Duration.ofSeconds(5));
            assertThat(e.bytes()).isEqualTo(10);
        } finally {
            chaos.afterAll(null);
        }
    }
}
