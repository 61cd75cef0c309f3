package dev.chaosjunit.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.network.TakeDown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The point of chaos-junit in one class: the same fault (payments answering 2 seconds late) breaks an orders service
 * whose payments client has no timeout, and is survived by one with a timeout and a fallback.
 */
class CheckoutChaosTest {

    /** Checkout must answer within this, whatever payments does. */
    static final Duration SLO = Duration.ofSeconds(1);

    static final PaymentsService PAYMENTS = PaymentsService.start();

    // The orders service reaches payments through the proxy "payments" (embedded Toxiproxy-compatible server).
    @RegisterExtension
    static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

    @AfterAll
    static void stopPayments() {
        PAYMENTS.close();
    }

    @Test
    void inGoodWeatherEvenTheNaiveClientIsFine(ChaosRun run) throws Exception {
        try (OrdersService orders = OrdersService.start(PaymentsClient.naive(run.proxy("payments").url("http")))) {
            Checkout.Order order = Checkout.placeOrder(orders.url(), SLO);
            assertThat(order.status()).isEqualTo(201);
            assertThat(order.payment()).isEqualTo("authorized");
        }
    }

    @ChaosTest
    @InjectLatency(proxy = "payments", latency = "2s")
    void timeoutAndFallbackKeepCheckoutWithinItsSloWhilePaymentsIsSlow(ChaosRun run) throws Exception {
        String payments = run.proxy("payments").url("http");
        try (OrdersService orders = OrdersService.start(PaymentsClient.resilient(payments, Duration.ofMillis(300)))) {
            Checkout.Order order = Checkout.placeOrder(orders.url(), SLO);
            assertThat(order.status()).isEqualTo(202);
            assertThat(order.payment()).isEqualTo("pending");
            assertThat(order.took()).isLessThan(SLO);
        }
        System.out.println("[quickstart] resilient client survived 2s payments latency; journal: "
                + run.journal().toAbsolutePath());
    }

    @Test
    void withoutATimeoutTheSameFaultBreaksCheckout() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NaiveCheckout.class))
                .configurationParameter(FIXTURE, "true")
                .execute();

        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(1);
        Throwable failure = failed.get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessage("POST /orders did not answer within 1000ms (the checkout SLO)");
        System.out.println("[quickstart] as expected, the naive client broke checkout: " + failure.getMessage()
                + "; journal: " + NaiveCheckout.journal.toAbsolutePath());
    }

    static final String FIXTURE = "quickstart.fixture";

    /** Fixtures run only through EngineTestKit (a -Dtest pattern may select nested classes too). */
    static boolean runThroughEngineTestKit(ExtensionContext context) {
        return context.getConfigurationParameter(FIXTURE).isPresent();
    }

    /** The weak service as a fixture: run (and expected to fail) through EngineTestKit above, never on its own. */
    @EnabledIf("dev.chaosjunit.quickstart.CheckoutChaosTest#runThroughEngineTestKit")
    static class NaiveCheckout {
        static java.nio.file.Path journal;

        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

        @ChaosTest
        @InjectLatency(proxy = "payments", latency = "2s")
        void checkoutWithoutTimeout(ChaosRun run) throws Exception {
            journal = run.journal();
            try (OrdersService orders = OrdersService.start(PaymentsClient.naive(run.proxy("payments").url("http")))) {
                Checkout.placeOrder(orders.url(), SLO);
            }
        }
    }

    /** Orders sent later than {@code millis} after the fault's revert, once the timeline has one. */
    private static long sentAfterRevert(ChaosRun run, List<Instant> sent, long millis) {
        return run.timeline().stream().filter(e -> e.action() == dev.chaosjunit.fault.FaultEvent.Action.REVERTED)
                .findFirst().map(e -> sent.stream().filter(t -> t.isAfter(e.at().plusMillis(millis))).count())
                .orElse(0L);
    }

    @ChaosTest(window = "3s")
    @TakeDown(proxy = "payments", after = "1s", duration = "1s")
    void ordersAreAcceptedThroughAPaymentsOutage(ChaosRun run) throws Exception {
        String payments = run.proxy("payments").url("http");
        List<Instant> sent = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        List<Instant> answered = new ArrayList<>();
        List<Boolean> downAtSend = new ArrayList<>();
        try (OrdersService orders = OrdersService.start(PaymentsClient.resilient(payments, Duration.ofMillis(300)))) {
            // 2.8s of orders, and on until three were sent 300ms after the outage's revert (a busy machine may
            // revert late), at most 10s
            long end = System.nanoTime() + Duration.ofMillis(2800).toNanos();
            long cap = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < cap && (System.nanoTime() < end || sentAfterRevert(run, sent, 300) < 3)) {
                // the take-down's INJECTED event is recorded once the proxy is down: seen before sending, the
                // order's payment call certainly meets the outage (if it is answered before the revert began)
                boolean down = !run.timeline().isEmpty();
                Instant at = Instant.now();
                Checkout.Order order = Checkout.placeOrder(orders.url(), SLO);   // fails beyond the SLO
                assertThat(order.status()).isIn(201, 202);
                sent.add(at);
                answered.add(Instant.now());
                downAtSend.add(down);
                paid.add(order.payment());
                Thread.sleep(50);
            }
        }
        Instant down = run.timeline().get(0).at();
        Instant up = run.timeline().get(1).at();
        List<String> before = new ArrayList<>();
        List<String> during = new ArrayList<>();
        List<String> after = new ArrayList<>();
        // judged by the fault's own timeline (an event's time is when the change began), not by sleeps: before =
        // answered before the take-down began; during = sent once it was done, answered before the revert began;
        // after = sent 300ms after the revert (the resilient client's timeout), whatever a busy machine delayed
        for (int i = 0; i < sent.size(); i++) {
            if (answered.get(i).isBefore(down)) {
                before.add(paid.get(i));
            } else if (downAtSend.get(i) && answered.get(i).isBefore(up)) {
                during.add(paid.get(i));
            } else if (sent.get(i).isAfter(up.plusMillis(300))) {
                after.add(paid.get(i));
            }
        }
        // every order was accepted within the SLO; payments were authorized around the outage, pending during it
        assertThat(before).contains("authorized");
        assertThat(during).isNotEmpty().containsOnly("pending");
        assertThat(after).contains("authorized");
        System.out.println("[quickstart] orders kept flowing through a 1s payments outage: " + sent.size()
                + " orders, " + during.size() + " of them pending during the outage; journal: "
                + run.journal().toAbsolutePath());
    }
}
