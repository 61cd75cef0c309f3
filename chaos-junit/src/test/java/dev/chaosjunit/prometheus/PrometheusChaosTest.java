package dev.chaosjunit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.network.TakeDown;
import dev.chaosjunit.prometheus.testing.EnabledIfPrometheusInstalled;
import dev.chaosjunit.prometheus.testing.PrometheusServerProcess;
import dev.chaosjunit.steadystate.ChaosLoad;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.steadystate.SteadyState;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.SwitchableServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link PrometheusCheck} in a real chaos experiment: a checkout service calls payments through a chaos proxy, a real
 * Prometheus scrapes the checkout service's Micrometer metrics every second, the embedded load driver sends checkouts,
 * and the 5xx rate query decides. The same check passes when the fault is harmless and fails when it is not.
 */
@EnabledIfPrometheusInstalled
class PrometheusChaosTest {

    static final SwitchableServer PAYMENTS = SwitchableServer.start();
    static final CheckoutService CHECKOUT = CheckoutService.start(() -> Shop.chaos.proxy("payments").url("http"));
    static final Map<String, ChaosRun> RUNS = new ConcurrentHashMap<>();
    static PrometheusServerProcess prometheus;

    @BeforeAll
    static void startPrometheus() {
        prometheus = PrometheusServerProcess.builder().scrapeInterval(Duration.ofSeconds(1))
                .target("checkout", CHECKOUT.hostPort()).start();
        prometheus.awaitTargetsUp(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        CHECKOUT.close();
        PAYMENTS.close();
    }

    /** 5xx answers per second of the checkout service, over the last 3s. */
    static final String FIVE_XX = "sum(rate(http_server_requests_seconds_count{uri=\"/checkout\",status=~\"5..\"}[3s]))"
            + " or vector(0)";

    @Fixture
    static class Shop {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

        @ChaosLoad
        static LoadDriver checkout() {
            return LoadDriver.target(CHECKOUT.url("/checkout")).progress(false);
        }

        // The load's own tolerances are relaxed: here the Prometheus queries alone decide. The bound (5 errors/s) is
        // far from both answers (~0 under harmless latency, ~20/s with payments down), so a stall of the machine
        // cannot flip a verdict. The 5xx rate looks back 3s,
        // so the recovery window is judged by its last point (aggregate LAST), after a window longer than the lookback.
        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "20ms")
        @SteadyState(load = "checkout", rate = 20, warmup = "1s", baseline = "3s", duration = "4s", recovery = "5s",
                maxErrorRate = -1)
        @PrometheusCheck(name = "5xx rate", query = FIVE_XX, max = 5, scrapeLag = "2s",
                phase = {Phase.BEFORE, Phase.DURING})
        @PrometheusCheck(name = "5xx recovered", query = FIVE_XX, max = 5, scrapeLag = "2s", phase = Phase.AFTER,
                aggregate = Aggregate.LAST)
        void harmlessLatency(ChaosRun run) {
            RUNS.put("harmless", run);
        }

        @ChaosTest
        @TakeDown(proxy = "payments")
        @SteadyState(load = "checkout", rate = 20, warmup = "1s", baseline = "3s", duration = "4s", recovery = "5s",
                maxErrorRate = -1)
        @PrometheusCheck(name = "5xx rate", query = FIVE_XX, max = 5, scrapeLag = "2s",
                phase = {Phase.BEFORE, Phase.DURING})
        @PrometheusCheck(name = "5xx recovered", query = FIVE_XX, max = 5, scrapeLag = "2s", phase = Phase.AFTER,
                aggregate = Aggregate.LAST)
        void paymentsDown(ChaosRun run) {
            RUNS.put("down", run);
        }
    }

    @Test
    void theQueryPassesWhenTheFaultIsHarmlessAndFailsWhenItCrossesTheBound() {
        EngineExecutionResults results = Fixtures.run(Shop.class, PrometheusConfig.URL, prometheus.url());

        Fixtures.assertCounts(results, 1, 1);
        assertThat(RUNS.get("harmless").verdicts()).filteredOn(v -> v.check().startsWith("prometheus \"5xx"))
                .extracting(Verdict::check, Verdict::phase, Verdict::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prometheus \"5xx rate\"", Phase.BEFORE, Verdict.Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("prometheus \"5xx rate\"", Phase.DURING, Verdict.Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("prometheus \"5xx recovered\"", Phase.AFTER,
                                Verdict.Status.PASS));

        Throwable failure = Fixtures.failure(results, "paymentsDown");
        assertThat(failure.getMessage()).startsWith("steady state not held\n")
                .containsPattern("before \\| prometheus \"5xx rate\" +\\| PASS")
                .containsPattern("during \\| prometheus \"5xx rate\" +\\| FAIL")
                .containsPattern("after  \\| prometheus \"5xx recovered\" +\\| PASS");
        Verdict during = RUNS.get("down").verdicts().stream()
                .filter(v -> v.check().equals("prometheus \"5xx rate\"") && v.phase() == Phase.DURING)
                .findFirst().orElseThrow();
        // at 20 checkouts/s with payments down, the 5xx rate climbs towards 20/s
        assertThat(during.detailsJson()).contains("\"outcome\":\"FAIL\"");
        assertThat(observed(during)).isGreaterThan(5.0);
    }

    @Fixture
    static class NoUrl {
        @ChaosTest
        @PrometheusCheck(query = "up", max = 1)
        void body() {
        }
    }

    @Test
    void aCheckWithoutAPrometheusUrlIsRefusedBeforeAnythingStarts() {
        Throwable failure = Fixtures.failure(Fixtures.run(NoUrl.class));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@PrometheusCheck(query = \"up\") on NoUrl.body(): query = \"up\" needs a Prometheus server,"
                        + " but chaos.prometheus.url is not set: set it in junit-platform.properties or with"
                        + " -Dchaos.prometheus.url=http://127.0.0.1:9090");
    }

    @Fixture
    static class BadBounds {
        @ChaosTest
        @PrometheusCheck(query = "up", min = 2, max = 1)
        void body() {
        }
    }

    @Test
    void badBoundsAreRefusedWithTheAttributeNamed() {
        Throwable failure = Fixtures.failure(Fixtures.run(BadBounds.class, PrometheusConfig.URL, prometheus.url()));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@PrometheusCheck(query = \"up\") on BadBounds.body(): ")
                .hasMessageContaining("min");
    }

    private static double observed(Verdict v) {
        return com.google.gson.JsonParser.parseString(v.detailsJson()).getAsJsonObject().get("observed").getAsDouble();
    }
}
