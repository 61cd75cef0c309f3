package dev.chaosjunit.steadystate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.network.ChaosProxy;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every bad steady-state or health-probe declaration fails before any load or fault starts, naming the annotation, the
 * attribute, the value and what is valid. The load target is a closed port: had anything started, it would show.
 */
class SteadyStateMisconfigurationTest {

    static EngineExecutionResults results;
    static volatile boolean loadCreated;

    @Fixture
    @ChaosProxy(name = "svc", upstream = "127.0.0.1:9")
    static class Bad {
        @ChaosLoad
        static LoadDriver svc() {
            loadCreated = true;
            return LoadDriver.target("http://127.0.0.1:9/").progress(false);
        }

        @ChaosLoad("wrong")
        static String notADriver() {
            return "";
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = -5)
        void negativeRate() {
        }

        @ChaosTest
        @SteadyState(load = "svc")
        void noRateNorUsers() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, users = 5)
        void rateAndUsers() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, p99 = "fast")
        void latencyNotADuration() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, maxErrorRate = 1.5)
        void errorRateAboveOne() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, maxErrorRate = 1)
        void errorRateOneMeantOnePercent() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, maxErrorRateIncrease = 1)
        void errorRateIncreaseOfOne() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, haltErrorRate = 50)
        void haltErrorRateAsAPercentage() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, maxErrorRate = Double.NaN)
        void errorRateNotANumber() {
        }

        @ChaosTest
        @SteadyState(load = "nope", rate = 10)
        void unknownLoad() {
        }

        @ChaosTest
        @SteadyState(load = "wrong", rate = 10)
        void loadMethodOfTheWrongType() {
        }

        @ChaosTest
        @SteadyState(load = "svc", target = "http://127.0.0.1:9/", rate = 10)
        void loadAndTarget() {
        }

        @ChaosTest
        @SteadyState(rate = 10)
        void neitherLoadNorTarget() {
        }

        @ChaosTest
        @SteadyState(target = "ftp://127.0.0.1/", rate = 10)
        void targetNotHttp() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, recovery = "2s", recoverWithin = "5s")
        void recoverWithinBeyondRecovery() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, baseline = "500ms")
        void baselineShorterThanASecond() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, maxP99Factor = 0.5)
        void factorBelowOne() {
        }

        @ChaosTest
        @SteadyState(load = "svc", rate = 10, duration = "5s")
        @InjectLatency(proxy = "svc", latency = "100ms", after = "3s", duration = "4s")
        void faultOutlastsTheSteadyStateWindow() {
        }

        @ChaosTest
        @HealthProbe(url = "not a url")
        void probeUrlNotAUrl() {
        }

        @ChaosTest
        @HealthProbe(url = "http://127.0.0.1:9/health", equals = "UP")
        void probeEqualsWithoutPath() {
        }

        @ChaosTest
        @HealthProbe(url = "http://127.0.0.1:9/health", minSuccessRate = 2)
        void probeSuccessRateAboveOne() {
        }
    }

    @BeforeAll
    static void runFixtures() {
        results = Fixtures.run(Bad.class);
    }

    static Stream<Arguments> cases() {
        String at = " on Bad.";
        return Stream.of(
                Arguments.of("negativeRate", "@SteadyState(load = \"svc\")" + at + "negativeRate(): rate = -5.0 is out"
                        + " of range: expected requests per second above 0 and at most 1000000"),
                Arguments.of("noRateNorUsers", "@SteadyState(load = \"svc\")" + at + "noRateNorUsers(): rate = 0.0 is "
                        + "missing: set rate (requests per second, open model) or users (closed model)"),
                Arguments.of("rateAndUsers", "@SteadyState(load = \"svc\")" + at + "rateAndUsers(): users = 5 conflicts"
                        + " with rate = 10.0: set rate (open model) or users (closed model), not both"),
                Arguments.of("latencyNotADuration", "@SteadyState(load = \"svc\")" + at + "latencyNotADuration(): p99 ="
                        + " \"fast\" is not a duration: expected a number followed by a unit (h, m, s, ms, us, ns), for"
                        + " example \"400ms\", \"5s\" or \"1m30s\""),
                Arguments.of("errorRateAboveOne", "@SteadyState(load = \"svc\")" + at + "errorRateAboveOne(): "
                        + "maxErrorRate = 1.5 allows every request to fail; for 1.5% write 0.015"),
                Arguments.of("errorRateOneMeantOnePercent", "@SteadyState(load = \"svc\")" + at
                        + "errorRateOneMeantOnePercent(): maxErrorRate = 1.0 allows every request to fail; for 1% write"
                        + " 0.01"),
                Arguments.of("errorRateIncreaseOfOne", "@SteadyState(load = \"svc\")" + at + "errorRateIncreaseOfOne():"
                        + " maxErrorRateIncrease = 1.0 allows every request to fail during chaos whatever the baseline;"
                        + " for 1% write 0.01"),
                Arguments.of("haltErrorRateAsAPercentage", "@SteadyState(load = \"svc\")" + at
                        + "haltErrorRateAsAPercentage(): haltErrorRate = 50.0 is above 1 (100%) and can never be"
                        + " reached, so chaos would never halt; for 50% write 0.5"),
                Arguments.of("errorRateNotANumber", "@SteadyState(load = \"svc\")" + at + "errorRateNotANumber():"
                        + " maxErrorRate = NaN is out of range: expected a fraction from 0 up to, not including, 1"
                        + " (0.01 = 1%)"),
                Arguments.of("unknownLoad", "@SteadyState(load = \"nope\")" + at + "unknownLoad(): load = \"nope\" names"
                        + " no @ChaosLoad method of Bad (known: \"svc\", \"wrong\"): add a method annotated"
                        + " @ChaosLoad(\"nope\") returning a LoadDriver"),
                Arguments.of("loadMethodOfTheWrongType", "@SteadyState(load = \"wrong\")" + at
                        + "loadMethodOfTheWrongType(): load = \"wrong\" names Bad.notADriver(), which must take no"
                        + " parameters and return a LoadDriver"),
                Arguments.of("loadAndTarget", "@SteadyState(load = \"svc\")" + at + "loadAndTarget(): target = "
                        + "\"http://127.0.0.1:9/\" conflicts with load = \"svc\": give either a @ChaosLoad method (load)"
                        + " or a URL (target)"),
                Arguments.of("neitherLoadNorTarget", "@SteadyState" + at + "neitherLoadNorTarget(): load = \"\" is "
                        + "missing: name a @ChaosLoad method with load = \"...\" or give a URL with target = \"http://...\""),
                Arguments.of("targetNotHttp", "@SteadyState(target = \"ftp://127.0.0.1/\")" + at + "targetNotHttp(): "
                        + "target = \"ftp://127.0.0.1/\" is not a usable URL (load target \"ftp://127.0.0.1/\" must be"
                        + " an http:// URL (the driver speaks plain HTTP/1.1), got scheme ftp)"),
                Arguments.of("recoverWithinBeyondRecovery", "@SteadyState(load = \"svc\")" + at
                        + "recoverWithinBeyondRecovery(): recoverWithin = \"5s\" is longer than recovery = \"2s\": the"
                        + " recovery window must cover the bound; lengthen recovery or shorten recoverWithin"),
                Arguments.of("baselineShorterThanASecond", "@SteadyState(load = \"svc\")" + at
                        + "baselineShorterThanASecond(): baseline = \"500ms\" is too short: expected at least 1s"),
                Arguments.of("factorBelowOne", "@SteadyState(load = \"svc\")" + at + "factorBelowOne(): maxP99Factor ="
                        + " 0.5 is out of range: expected a factor of at least 1 (2 = twice the baseline p99), negative"
                        + " to switch off"),
                Arguments.of("faultOutlastsTheSteadyStateWindow", "@InjectLatency(proxy = \"svc\")" + at
                        + "faultOutlastsTheSteadyStateWindow(): duration = \"4s\" ends at 7s, after the chaos window of"
                        + " 5s: expected after + duration <= 5s"),
                Arguments.of("probeUrlNotAUrl", "@HealthProbe(url = \"not a url\")" + at + "probeUrlNotAUrl(): url = "
                        + "\"not a url\" is not a URL (Illegal character in path): expected an http:// or https:// URL,"
                        + " such as \"http://127.0.0.1:8080/health\""),
                Arguments.of("probeEqualsWithoutPath", "@HealthProbe(url = \"http://127.0.0.1:9/health\")" + at
                        + "probeEqualsWithoutPath(): equals = \"UP\" is set without jsonPath: expected jsonPath to name"
                        + " the field that must equal it"),
                Arguments.of("probeSuccessRateAboveOne", "@HealthProbe(url = \"http://127.0.0.1:9/health\")" + at
                        + "probeSuccessRateAboveOne(): minSuccessRate = 2.0 is out of range: expected a fraction from"
                        + " 0.0 to 1.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAClearMessage(String method, String message) {
        assertThat(Fixtures.failure(results, method)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void everyFixtureFailedAndNoLoadEverStarted() {
        assertThat(results.testEvents().failed().count()).isEqualTo(cases().count());
        assertThat(results.testEvents().succeeded().count()).isZero();
        assertThat(loadCreated).as("a @ChaosLoad method was called although every declaration was bad").isFalse();
    }
}
