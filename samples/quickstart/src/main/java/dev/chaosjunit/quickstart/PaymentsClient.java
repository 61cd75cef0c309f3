package dev.chaosjunit.quickstart;

/** How the orders service asks payments to authorize an order. */
public interface PaymentsClient {

    /** Authorizes {@code amountCents}; returns the payment status ({@code authorized}, {@code pending}, ...). */
    String authorize(String orderId, long amountCents) throws Exception;

    /**
     * The client most code starts with: no timeout, no fallback. A slow payments service makes every order slow.
     */
    static PaymentsClient naive(String paymentsUrl) {
        return new HttpPaymentsClient(paymentsUrl, null, false);
    }

    /**
     * A client with a timeout and a fallback: when payments does not answer within {@code timeout}, the order is
     * accepted with payment {@code pending} (to be settled later) instead of waiting.
     */
    static PaymentsClient resilient(String paymentsUrl, java.time.Duration timeout) {
        return new HttpPaymentsClient(paymentsUrl, timeout, true);
    }
}
