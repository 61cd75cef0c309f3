package dev.chaosjunit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.network.InjectLatency;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Payments answers 3s late: the read timeout and the fallback keep checkout within its SLO. */
@Order(1)
class SlowPaymentsChaosTest extends CheckoutChaosTestBase {

    // snippet:slow-payments
    @Test
    @InjectLatency(proxy = "payments", latency = "3s")
    void fallbackKeepsCheckoutWithinItsSloWhilePaymentsIsSlow() throws Exception {
        Checkout.Order order = placeOrder();

        assertThat(order.status()).isEqualTo(202);            // accepted, payment pending
        assertThat(order.payment()).isEqualTo("pending");
        assertThat(order.took()).isLessThan(SLO);               // without the timeout: 3s and more
        // the fallback answered because the read timeout expired, not because payments was unreachable
        assertThat(order.took()).isGreaterThanOrEqualTo(payments.readTimeout());
    }
    // end-snippet

    @Test
    void theSloLeavesRoomForTheReadTimeout() {
        // the experiment above only shows the fallback if the timeout fires well inside the SLO and well before
        // the injected latency (3s)
        assertThat(payments.readTimeout()).isLessThan(SLO.dividedBy(2)).isLessThan(Duration.ofSeconds(3));
    }
}
