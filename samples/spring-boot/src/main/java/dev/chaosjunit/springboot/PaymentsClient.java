package dev.chaosjunit.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Authorizes payments with the payments service. The fallback: when payments does not answer in time (read
 * timeout), cannot be reached (connection refused, connect timeout, reset) or answers 5xx, the payment is
 * {@code pending} and checkout still accepts the order; a reconciliation job (not part of this sample) settles it.
 */
public class PaymentsClient {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsClient.class);

    private final RestClient payments;

    public PaymentsClient(RestClient payments) {
        this.payments = payments;
    }

    // snippet:fallback
    /** {@code authorized} from the payments service, or {@code pending} (the fallback). */
    public Payment authorize(String orderId, String item) {
        try {
            Payment payment = payments.post()
                    .uri("/payments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new PaymentRequest(orderId, item))
                    .retrieve()
                    .body(Payment.class);
            return payment != null ? payment : Payment.pending("payments answered with no body");
        } catch (ResourceAccessException e) {   // I/O: timeouts, refused or reset connections
            Throwable cause = e.getMostSpecificCause();
            String why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            LOG.warn("payments unavailable for order {}, payment pending: {}", orderId, why);
            return Payment.pending(why);
        } catch (HttpServerErrorException e) {
            LOG.warn("payments failed for order {} ({}), payment pending", orderId, e.getStatusCode());
            return Payment.pending("payments answered " + e.getStatusCode());
        }
    }
    // end-snippet

    /** The request body sent to {@code POST /payments}. */
    public record PaymentRequest(String order, String item) {
    }

    /**
     * A payment's state.
     *
     * @param status   {@code authorized} (from payments) or {@code pending} (the fallback)
     * @param fallback why the fallback answered, {@code null} when payments did
     */
    public record Payment(String status, String fallback) {

        static Payment pending(String why) {
            return new Payment("pending", why);
        }

        public boolean authorized() {
            return "authorized".equals(status);
        }
    }
}
