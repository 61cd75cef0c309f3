package dev.chaosjunit.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.Wire;
import dev.chaosjunit.testing.Wire.Exchange;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per network fault annotation, proving its effect on real traffic: a real TCP upstream, the embedded
 * Toxiproxy-compatible server, plain sockets. After each test the proxy must be healthy again (the fault reverted).
 */
class NetworkFaultsTest {

    static final ByteServer UPSTREAM = ByteServer.start();

    @RegisterExtension
    static ChaosExtension chaos = ChaosExtension.builder().proxy("bytes", UPSTREAM.address()).build();

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @AfterEach
    void faultIsRevertedAfterTheTest() {
        // the fastest of three exchanges: a lingering fault slows or breaks every one, a stall of the machine only one
        Duration fastest = null;
        for (int i = 0; i < 3; i++) {
            Exchange e = Wire.exchange(chaos.proxy("bytes"), "GET 1000", 1000, READ_TIMEOUT);
            assertThat(e.error()).isNull();
            assertThat(e.bytes()).isEqualTo(1000);
            fastest = fastest == null || e.elapsed().compareTo(fastest) < 0 ? e.elapsed() : fastest;
        }
        assertThat(fastest).isLessThan(Duration.ofMillis(250));
    }

    @Test
    @InjectLatency(proxy = "bytes", latency = "300ms")
    void injectLatencyDelaysResponses(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, READ_TIMEOUT);
        assertThat(e.bytes()).isEqualTo(100);
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    @InjectLatency(proxy = "bytes", latency = "200ms", stream = Direction.BOTH)
    void latencyOnBothStreamsDelaysRequestAndResponse(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, READ_TIMEOUT);
        assertThat(e.bytes()).isEqualTo(100);
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @Test
    @InjectLatency(proxy = "bytes", latency = "500ms", toxicity = 0.0)
    void toxicityZeroLeavesConnectionsAlone(ChaosRun run) {
        // the fastest of three: a toxic that applies delays every one by 500ms, a stall of the machine only one
        Duration fastest = null;
        for (int i = 0; i < 3; i++) {
            Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, READ_TIMEOUT);
            assertThat(e.bytes()).isEqualTo(100);
            fastest = fastest == null || e.elapsed().compareTo(fastest) < 0 ? e.elapsed() : fastest;
        }
        assertThat(fastest).isLessThan(Duration.ofMillis(450));
    }

    @Test
    @LimitBandwidth(proxy = "bytes", rate = "20KB/s")
    void limitBandwidthSlowsLargeResponses(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 20000", 20000, READ_TIMEOUT);
        assertThat(e.bytes()).isEqualTo(20000);
        // 20 000 bytes at 20 000 bytes/s: about a second (the first burst may pass at once)
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    @SlowClose(proxy = "bytes", delay = "400ms")
    void slowCloseDelaysTheClose(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "CLOSE 10", 10, READ_TIMEOUT);
        assertThat(e.bytes()).isEqualTo(10);
        assertThat(e.closed()).isTrue();
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @Test
    @TimeoutConnections(proxy = "bytes", timeout = "300ms")
    void timeoutConnectionsStopsDataAndClosesLater(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, READ_TIMEOUT);
        assertThat(e.bytes()).isZero();
        assertThat(e.closed()).isTrue();
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    @TimeoutConnections(proxy = "bytes", timeout = "0")
    void timeoutZeroHoldsConnectionsWithoutData(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, Duration.ofMillis(500));
        assertThat(e.bytes()).isZero();
        assertThat(e.error()).isEqualTo("timeout");
    }

    @Test
    @ResetPeer(proxy = "bytes")
    void resetPeerResetsConnections(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, READ_TIMEOUT);
        assertThat(e.bytes()).isZero();
        assertThat(e.closed()).isTrue();
        assertThat(e.error()).contains("reset");
    }

    @Test
    @SliceData(proxy = "bytes", averageSize = 100, sizeVariation = 10, delay = "10ms")
    void sliceDataDeliversSmallChunksWithDelays(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 3000", 3000, READ_TIMEOUT);
        assertThat(e.bytes()).isEqualTo(3000);
        assertThat(e.reads()).isGreaterThanOrEqualTo(10);
        // about 30 slices, 10ms apart
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    @LimitData(proxy = "bytes", bytes = 500)
    void limitDataClosesAfterTheLimit(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 5000", 5000, READ_TIMEOUT);
        assertThat(e.bytes()).isEqualTo(500);
        assertThat(e.closed()).isTrue();
    }

    @Test
    @TakeDown(proxy = "bytes")
    void takeDownRefusesConnections(ChaosRun run) {
        Exchange e = Wire.exchange(run.proxy("bytes"), "GET 100", 100, READ_TIMEOUT);
        assertThat(e.bytes()).isZero();
        assertThat(e.closed()).isTrue();
    }

    @Test
    @TakeDown(proxy = "bytes", after = "300ms", duration = "600ms")
    void aScheduledTakeDownComesAndGoes(ChaosRun run) throws InterruptedException {
        // each exchange is judged against the fault's own timeline (an event is recorded once the change is made;
        // its time is when the change began), not against sleeps a busy machine stretches
        Exchange first = Wire.exchange(run.proxy("bytes"), "GET 10", 10, READ_TIMEOUT);
        java.time.Instant firstDone = java.time.Instant.now();
        FaultEvent injected = await(run, FaultEvent.Action.INJECTED);
        if (firstDone.isBefore(injected.at())) {
            assertThat(first.bytes()).as("up before the take-down").isEqualTo(10);
        } // else a stall of 300ms pushed the first exchange past the start of the take-down: nothing to judge
        Exchange down = Wire.exchange(run.proxy("bytes"), "GET 10", 10, READ_TIMEOUT);
        if (run.timeline().stream().noneMatch(e -> e.action() == FaultEvent.Action.REVERTED)) {
            assertThat(down.bytes()).as("down between the take-down and its revert").isZero();
        } else {
            // only a stall of 600ms right after the take-down lets the revert come first: then it must be up again
            assertThat(down.bytes()).isIn(0, 10);
        }
        await(run, FaultEvent.Action.REVERTED);
        assertThat(Wire.exchange(run.proxy("bytes"), "GET 10", 10, READ_TIMEOUT).bytes()).as("up after the revert")
                .isEqualTo(10);
    }

    /** Waits (at most 10s, far beyond the 900ms schedule) until the timeline has an event of that kind. */
    private static FaultEvent await(ChaosRun run, FaultEvent.Action action) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.Optional<FaultEvent> event = run.timeline().stream().filter(e -> e.action() == action).findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + action + " event within 10s: " + run.timeline());
    }
}
