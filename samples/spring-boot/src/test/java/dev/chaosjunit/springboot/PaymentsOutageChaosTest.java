package dev.chaosjunit.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosjunit.network.TakeDown;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Payments is down: the fallback answers at once. Runs after {@link SlowPaymentsChaosTest} in the same JVM and
 * reuses its cached application context and its chaos proxy.
 */
@Order(2)
class PaymentsOutageChaosTest extends CheckoutChaosTestBase {

    // snippet:outage
    @Test
    @TakeDown(proxy = "payments")
    void ordersAreAcceptedWhilePaymentsIsDown() throws Exception {
        Checkout.Order order = placeOrder();

        assertThat(order.status()).isEqualTo(202);
        assertThat(order.payment()).isEqualTo("pending");
        assertThat(order.took()).isLessThan(SLO);
    }
    // end-snippet

    @Test
    void reusesTheContextAndTheProxyOfTheFirstClass() throws Exception {
        var first = ContextLedger.of(SlowPaymentsChaosTest.class);
        assumeTrue(first.isPresent(), "SlowPaymentsChaosTest did not run before this class in this JVM (this class "
                + "was run alone): there is no earlier context to compare with");
        assertThat(context).as("the application context").isSameAs(first.get().context());
        assertThat(chaos.proxy("payments").port()).as("the proxy port").isEqualTo(first.get().proxyPort());
        // and that proxy still carries traffic: the context built for the first class reaches payments through it
        Checkout.Order order = placeOrder();
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.payment()).isEqualTo("authorized");
    }
}
