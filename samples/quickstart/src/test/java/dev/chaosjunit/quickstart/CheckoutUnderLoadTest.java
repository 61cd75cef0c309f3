package dev.chaosjunit.quickstart;

import static dev.chaosjunit.assertions.ChaosAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.load.Check;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.steadystate.ChaosLoad;
import dev.chaosjunit.steadystate.SteadyState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The same slow-payments fault, judged the way the source documents judged Sock Shop, minus the eyes on Grafana:
 * a steady stream of shoppers (20 orders a second from the embedded load driver) and verdicts on the checkout SLO
 * before, during and after the fault. The resilient orders service holds the SLO; the naive one breaks it, and the
 * experiment halts as soon as p99 crosses the halt threshold.
 */
class CheckoutUnderLoadTest {

    static final PaymentsService PAYMENTS = PaymentsService.start();

    @RegisterExtension
    static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

    static OrdersService orders;

    @BeforeAll
    static void startOrders() {
        orders = OrdersService.start(PaymentsClient.resilient(chaos.proxy("payments").url("http"),
                Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        orders.close();
        PAYMENTS.close();
        System.out.println("[quickstart] report: " + Path.of("target/chaos-reports/index.html").toAbsolutePath());
    }

    /** A shopper: place an order; 201 (paid) and 202 (payment pending) are both fine. */
    static LoadDriver shoppersOf(OrdersService service) {
        return LoadDriver.target(service.url())
                .request(Request.post("/orders").jsonBody("{\"item\":\"socks\",\"quantity\":1}")
                        .check(Check.status(201, 202)));
    }

    @ChaosLoad
    static LoadDriver shoppers() {
        return shoppersOf(orders);
    }

    @ChaosTest
    @InjectLatency(proxy = "payments", latency = "2s", after = "1s", duration = "3s")
    @SteadyState(load = "shoppers", rate = 20, warmup = "1s", baseline = "2s", duration = "5s", recovery = "2s",
            maxErrorRate = 0.0, p99 = "1s")
    void checkoutHoldsItsSloWhilePaymentsIsSlow(ChaosRun run) throws InterruptedException {
        assertThat(run.load().during()).hasNoErrors().percentile(99).isLessThan(CheckoutChaosTest.SLO);
        System.out.println("[quickstart] under load, the resilient service held the SLO through 3s of slow payments:"
                + " " + run.load().during().summary());
    }

    @Test
    void theNaiveServiceBreaksTheSloAndTheExperimentHalts() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NaiveUnderLoad.class))
                .configurationParameter(FIXTURE, "true")
                .execute();

        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(1);
        Throwable failure = failed.get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure.getMessage()).matches("(?s)experiment halted during chaos: steady state \"shoppers\": p99 "
                + "\\d+\\.\\dms over the last 1s >= haltP99 1500ms\n.*");
        System.out.println("[quickstart] as expected, the naive service broke the SLO under load and the experiment"
                + " halted: " + failure.getMessage().lines().findFirst().orElse(""));
    }

    static final String FIXTURE = "quickstart.fixture";

    static boolean runThroughEngineTestKit(ExtensionContext context) {
        return context.getConfigurationParameter(FIXTURE).isPresent();
    }

    /** The naive service under the same load and fault: run (and expected to fail) through EngineTestKit above. */
    @EnabledIf("dev.chaosjunit.quickstart.CheckoutUnderLoadTest#runThroughEngineTestKit")
    static class NaiveUnderLoad {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

        static OrdersService naive;

        @BeforeAll
        static void startNaive() {
            naive = OrdersService.start(PaymentsClient.naive(chaos.proxy("payments").url("http")));
        }

        @AfterAll
        static void stopNaive() {
            naive.close();
        }

        @ChaosLoad
        static LoadDriver shoppers() {
            return shoppersOf(naive);
        }

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "2s", after = "1s", duration = "3s")
        @SteadyState(load = "shoppers", rate = 20, warmup = "1s", baseline = "2s", duration = "5s", recovery = "2s",
                maxErrorRate = 0.0, p99 = "1s", haltP99 = "1500ms", haltWindow = "1s")
        void checkoutWithoutTimeout() {
        }
    }
}
