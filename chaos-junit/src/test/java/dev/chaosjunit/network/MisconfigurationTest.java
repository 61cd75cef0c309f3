package dev.chaosjunit.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.testing.ApiRecorder;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import dev.chaosjunit.toxiproxy.ToxiproxyServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every bad declaration fails before anything changes, with a message naming the annotation, the attribute, the
 * value and what is valid. The fixtures run against a real server behind {@link ApiRecorder}, which proves that no
 * toxic was ever created.
 */
class MisconfigurationTest {

    private static final String DURATION = "expected a number followed by a unit (h, m, s, ms, us, ns), for example "
            + "\"400ms\", \"5s\" or \"1m30s\"";

    static ToxiproxyServer server;
    static ApiRecorder api;
    static EngineExecutionResults results;

    @ChaosProxy(name = "payments", upstream = "127.0.0.1:9")
    @ChaosProxy(name = "catalogue", upstream = "localhost:${CHAOS_JUNIT_TEST_PORT}")
    @Fixture
    static class Bad {
        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "5 sec")
        void latencyNotADuration() {
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "-400ms")
        void negativeLatency() {
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "0")
        void zeroLatency() {
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "1500us")
        void subMillisecondLatency() {
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "400ms", jitter = "500ms")
        void jitterAboveLatency() {
        }

        @ChaosTest
        @InjectLatency(proxy = "paymnts", latency = "400ms")
        void unknownProxy() {
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "400ms", toxicity = 1.5)
        void toxicityAboveOne() {
        }

        @ChaosTest
        @ResetPeer(proxy = "payments", toxicity = -0.1)
        void negativeToxicity() {
        }

        @ChaosTest(window = "10s")
        @InjectLatency(proxy = "payments", latency = "400ms", after = "5s", duration = "20s")
        void scheduleEndsAfterTheWindow() {
        }

        @ChaosTest(window = "10s")
        @TakeDown(proxy = "payments", after = "10s")
        void scheduleStartsAfterTheWindow() {
        }

        @ChaosTest
        @TakeDown(proxy = "payments", every = "10s")
        void everyWithoutDuration() {
        }

        @ChaosTest
        @TakeDown(proxy = "payments", duration = "5s", every = "5s")
        void everyNotLongerThanDuration() {
        }

        @ChaosTest
        @SlowClose(proxy = "payments", delay = "1s", duration = "0")
        void zeroDuration() {
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "400ms")
        @InjectLatency(proxy = "payments", latency = "100ms", jitter = "10ms")
        void conflictingToxics() {
        }

        @ChaosTest
        @LimitBandwidth(proxy = "payments", rate = "10KB/s", stream = Direction.BOTH)
        @LimitBandwidth(proxy = "payments", rate = "1MB/s", stream = Direction.UPSTREAM, after = "1s")
        void conflictingStreams() {
        }

        @ChaosTest
        @LimitBandwidth(proxy = "payments", rate = "100 kbit/s")
        void badRateUnit() {
        }

        @ChaosTest
        @LimitBandwidth(proxy = "payments", rate = "0KB/s")
        void zeroRate() {
        }

        @ChaosTest
        @SliceData(proxy = "payments", averageSize = 64, sizeVariation = 64)
        void sliceVariationTooLarge() {
        }

        @ChaosTest
        @SliceData(proxy = "payments", averageSize = 64, delay = "1500ns")
        void sliceDelayNotWholeMicros() {
        }

        @ChaosTest
        @LimitData(proxy = "payments", bytes = 0)
        void zeroBytes() {
        }

        @ChaosTest
        @TimeoutConnections(proxy = "${CHAOS_JUNIT_SURELY_UNSET}", timeout = "1s")
        void unsetEnvironmentVariable() {
        }

        @ChaosTest(window = "soon")
        @TakeDown(proxy = "payments")
        void badWindow() {
        }

        @ChaosTest
        @SlowClose(proxy = "payments", delay = "1 s")
        void delayWithASpace() {
        }

        @ChaosTest
        @TakeDown(proxy = "payments", after = "1s")
        @InjectLatency(proxy = "payments", latency = "400ms", duration = "1h30")
        void oneGoodOneBad() {
        }

        /** The one valid test: proves the recorder sees what the extension sends. */
        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "1ms")
        void valid() {
        }

        @ChaosTest
        @Recorded(name = "first")
        @ResetPeer(proxy = "catalogue", timeout = "10")
        void unitMissing() {
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("latencyNotADuration", "@InjectLatency(proxy = \"payments\") on Bad.latencyNotADuration(): "
                        + "latency = \"5 sec\" is not a duration: " + DURATION),
                Arguments.of("negativeLatency", "@InjectLatency(proxy = \"payments\") on Bad.negativeLatency(): "
                        + "latency = \"-400ms\" is not a duration: " + DURATION),
                Arguments.of("zeroLatency", "@InjectLatency(proxy = \"payments\") on Bad.zeroLatency(): "
                        + "latency = \"0\" is too short: expected at least 1ms"),
                Arguments.of("subMillisecondLatency", "@InjectLatency(proxy = \"payments\") on "
                        + "Bad.subMillisecondLatency(): latency = \"1500us\" is not a whole number of milliseconds: "
                        + "expected for example \"1ms\""),
                Arguments.of("jitterAboveLatency", "@InjectLatency(proxy = \"payments\") on Bad.jitterAboveLatency(): "
                        + "jitter = \"500ms\" is larger than latency = \"400ms\": expected at most the latency"),
                Arguments.of("unknownProxy", "@InjectLatency(proxy = \"paymnts\") on Bad.unknownProxy(): "
                        + "proxy = \"paymnts\" is not a declared proxy: expected one of [catalogue, payments]"),
                Arguments.of("toxicityAboveOne", "@InjectLatency(proxy = \"payments\") on Bad.toxicityAboveOne(): "
                        + "toxicity = 1.5 is out of range: expected a fraction from 0.0 to 1.0"),
                Arguments.of("negativeToxicity", "@ResetPeer(proxy = \"payments\") on Bad.negativeToxicity(): "
                        + "toxicity = -0.1 is out of range: expected a fraction from 0.0 to 1.0"),
                Arguments.of("scheduleEndsAfterTheWindow", "@InjectLatency(proxy = \"payments\") on "
                        + "Bad.scheduleEndsAfterTheWindow(): duration = \"20s\" ends at 25s, after the chaos window "
                        + "of 10s: expected after + duration <= 10s"),
                Arguments.of("scheduleStartsAfterTheWindow", "@TakeDown(proxy = \"payments\") on "
                        + "Bad.scheduleStartsAfterTheWindow(): after = \"10s\" starts at or after the end of the "
                        + "chaos window (10s): expected less than 10s"),
                Arguments.of("everyWithoutDuration", "@TakeDown(proxy = \"payments\") on Bad.everyWithoutDuration(): "
                        + "every = \"10s\" repeats a fault that has no duration: expected duration to be set and "
                        + "shorter than every"),
                Arguments.of("everyNotLongerThanDuration", "@TakeDown(proxy = \"payments\") on "
                        + "Bad.everyNotLongerThanDuration(): every = \"5s\" is not longer than duration = \"5s\": "
                        + "expected a period longer than the duration"),
                Arguments.of("zeroDuration", "@SlowClose(proxy = \"payments\") on Bad.zeroDuration(): duration = \"0\" "
                        + "is too short: expected more than 0, or \"\" for the whole chaos phase"),
                Arguments.of("conflictingToxics", "@InjectLatency(proxy = \"payments\") on Bad.conflictingToxics() "
                        + "conflicts with @InjectLatency(proxy = \"payments\") on Bad.conflictingToxics(): both use "
                        + "the latency toxic on proxy \"payments\" (downstream) at overlapping times (after 0 until "
                        + "the chaos phase ends / after 0 until the chaos phase ends): expected one at a time, with "
                        + "schedules that do not overlap"),
                Arguments.of("conflictingStreams", "@LimitBandwidth(proxy = \"payments\") on Bad.conflictingStreams() "
                        + "conflicts with @LimitBandwidth(proxy = \"payments\") on Bad.conflictingStreams(): both use "
                        + "the bandwidth toxic on proxy \"payments\" (upstream) at overlapping times (after 1s until "
                        + "the chaos phase ends / after 0 until the chaos phase ends): expected one at a time, with "
                        + "schedules that do not overlap"),
                Arguments.of("badRateUnit", "@LimitBandwidth(proxy = \"payments\") on Bad.badRateUnit(): "
                        + "rate = \"100 kbit/s\" is not a rate: expected a whole number of KB/s or MB/s "
                        + "(1KB = 1000 bytes), at least \"1KB/s\", for example \"100KB/s\""),
                Arguments.of("zeroRate", "@LimitBandwidth(proxy = \"payments\") on Bad.zeroRate(): rate = \"0KB/s\" "
                        + "is too low: expected a whole number of KB/s or MB/s (1KB = 1000 bytes), at least "
                        + "\"1KB/s\", for example \"100KB/s\""),
                Arguments.of("sliceVariationTooLarge", "@SliceData(proxy = \"payments\") on "
                        + "Bad.sliceVariationTooLarge(): sizeVariation = 64 is out of range: expected 0 to 63 "
                        + "(less than averageSize = 64)"),
                Arguments.of("sliceDelayNotWholeMicros", "@SliceData(proxy = \"payments\") on "
                        + "Bad.sliceDelayNotWholeMicros(): delay = \"1500ns\" is not a whole number of microseconds: "
                        + "expected for example \"500us\""),
                Arguments.of("zeroBytes", "@LimitData(proxy = \"payments\") on Bad.zeroBytes(): bytes = 0 is too "
                        + "small: expected at least 1"),
                Arguments.of("unsetEnvironmentVariable", "@TimeoutConnections(proxy = \"${CHAOS_JUNIT_SURELY_UNSET}\") "
                        + "on Bad.unsetEnvironmentVariable(): proxy = \"${CHAOS_JUNIT_SURELY_UNSET}\" uses "
                        + "${CHAOS_JUNIT_SURELY_UNSET}, which is not set: expected the environment variable "
                        + "or system property CHAOS_JUNIT_SURELY_UNSET to be set"),
                Arguments.of("badWindow", "@ChaosTest on Bad.badWindow(): window = \"soon\" is not a duration: "
                        + DURATION),
                Arguments.of("delayWithASpace", "@SlowClose(proxy = \"payments\") on Bad.delayWithASpace(): "
                        + "delay = \"1 s\" is not a duration: " + DURATION),
                Arguments.of("oneGoodOneBad", "@InjectLatency(proxy = \"payments\") on Bad.oneGoodOneBad(): "
                        + "duration = \"1h30\" is not a duration: " + DURATION),
                Arguments.of("unitMissing", "@ResetPeer(proxy = \"catalogue\") on Bad.unitMissing(): "
                        + "timeout = \"10\" is not a duration: " + DURATION));
    }

    @BeforeAll
    static void runTheFixtureAgainstARecordedServer() throws Exception {
        server = ToxiproxyServer.start();
        api = new ApiRecorder(server.host(), server.port());
        FaultLog.clear();
        results = Fixtures.run(Bad.class, "chaos.toxiproxy.url", api.url());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithAMessageNamingAnnotationAttributeValueAndWhatIsValid(String method, String message) {
        assertThat(Fixtures.failure(results, method)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void everyFixtureFailedAndNoFaultEverStarted() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(20);
        Fixtures.assertCounts(results, 1, (int) cases().count());
        // only the valid test created a toxic
        assertThat(api.requests()).filteredOn(r -> r.startsWith("POST") && r.endsWith("/toxics")).hasSize(1);
        assertThat(FaultLog.actions()).isEmpty();
    }
}
