package dev.chaosjunit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring configuration every chaos test class of the checkout service shares: one {@code @SpringBootTest}, one
 * extension instance and one {@code @DynamicPropertySource}, so Spring builds the application context once and
 * caches it for all subclasses, and every subclass talks to payments through the same chaos proxy.
 */
// snippet:base-class
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CheckoutChaosTestBase {

    /** Checkout's SLO for one order. */
    static final Duration SLO = Duration.ofMillis(1500);

    @RegisterExtension
    static final PaymentsStub PAYMENTS = PaymentsStub.start();   // a real HTTP server on loopback

    // One instance for every subclass: its proxies live as long as the instance may be used (the whole run), so the
    // cached context keeps working in the next class.
    @RegisterExtension
    static final ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

    @DynamicPropertySource
    static void paymentsThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("payments.base-url", () -> chaos.proxy("payments").url("http"));
    }
    // end-snippet

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PaymentsClient paymentsClient;

    @Autowired
    PaymentsProperties payments;

    Checkout.Order placeOrder() throws Exception {
        // gives up far above both the SLO and the injected latencies, only so that a hang fails instead of blocking
        return Checkout.place(port, Duration.ofSeconds(30));
    }

    @Test
    void paymentsAuthorizeWhileNoFaultIsActive() throws Exception {
        int before = PAYMENTS.authorized();
        Checkout.Order order = placeOrder();
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.payment()).isEqualTo("authorized");
        assertThat(PAYMENTS.authorized()).isEqualTo(before + 1);
    }

    /**
     * Records what this class sees and checks it against every class that ran before it in this JVM: one
     * application context, one {@link PaymentsClient} bean, and a context still configured with the port of the
     * extension's live proxy.
     */
    @Test
    void sharesOneApplicationContextAndOneProxyWithTheOtherClasses() {
        int proxyPort = chaos.proxy("payments").port();
        ContextLedger.Entry mine = new ContextLedger.Entry(getClass(), context, paymentsClient,
                payments.baseUrl().getPort(), proxyPort);
        ContextLedger.record(mine);

        assertThat(mine.configuredPort()).as("the context's payments port is the extension's proxy port")
                .isEqualTo(proxyPort);
        for (ContextLedger.Entry other : ContextLedger.entries()) {
            assertThat(other.context()).as("the context of " + other.testClass().getSimpleName())
                    .isSameAs(context);
            assertThat(other.paymentsClient()).as("the PaymentsClient of " + other.testClass().getSimpleName())
                    .isSameAs(paymentsClient);
            assertThat(other.proxyPort()).as("the proxy port of " + other.testClass().getSimpleName())
                    .isEqualTo(proxyPort);
        }
    }
}
