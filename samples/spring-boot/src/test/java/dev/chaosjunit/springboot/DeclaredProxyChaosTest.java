package dev.chaosjunit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.network.ChaosProxy;
import dev.chaosjunit.network.InjectLatency;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The declarative form: {@code @ChaosProxy} on the class, the extension registered on the class before
 * {@code @SpringBootTest} so that the proxy exists in {@code beforeAll}, read with
 * {@link ChaosExtension#proxy(Class, String)}. Its proxies live as long as the class runs, so this class has its own
 * context (its own {@code @DynamicPropertySource}); to share a context between classes, use the programmatic form
 * of {@link CheckoutChaosTestBase}.
 */
@Order(3)
// snippet:declared-proxy
@ExtendWith(ChaosExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ChaosProxy(name = "payments", upstream = "${PAYMENTS_STUB_ADDRESS}")
class DeclaredProxyChaosTest {

    @RegisterExtension
    static final PaymentsStub PAYMENTS = PaymentsStub.start().exportAddressAs("PAYMENTS_STUB_ADDRESS");

    @DynamicPropertySource
    static void paymentsThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("payments.base-url",
                () -> ChaosExtension.proxy(DeclaredProxyChaosTest.class, "payments").url("http"));
    }
    // end-snippet

    @LocalServerPort
    int port;

    @Autowired
    PaymentsProperties payments;

    @Test
    void theContextCallsPaymentsThroughTheDeclaredProxy() throws Exception {
        assertThat(payments.baseUrl().getPort())
                .isEqualTo(ChaosExtension.proxy(DeclaredProxyChaosTest.class, "payments").port());
        Checkout.Order order = Checkout.place(port, Duration.ofSeconds(30));
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.payment()).isEqualTo("authorized");
    }

    @Test
    @InjectLatency(proxy = "payments", latency = "3s")
    void fallbackAnswersWhilePaymentsIsSlow() throws Exception {
        Checkout.Order order = Checkout.place(port, Duration.ofSeconds(30));
        assertThat(order.status()).isEqualTo(202);
        assertThat(order.payment()).isEqualTo("pending");
        assertThat(order.took()).isLessThan(CheckoutChaosTestBase.SLO).isGreaterThanOrEqualTo(payments.readTimeout());
    }
}
