package dev.chaosjunit.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.opentest4j.AssertionFailedError;

/** A shopper placing an order, with the checkout SLO as its patience. */
final class Checkout {

    /** The answer to {@code POST /orders}. */
    record Order(int status, String body, Duration took) {
        String payment() {
            int i = body.indexOf("\"payment\":\"");
            return i < 0 ? "none" : body.substring(i + 11, body.indexOf('"', i + 11));
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Checkout() {
    }

    /** Places one order; fails the test if orders does not answer within {@code slo}. */
    static Order placeOrder(String ordersUrl, Duration slo) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ordersUrl + "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"socks\",\"quantity\":1}"))
                .timeout(slo)
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Order(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
        } catch (HttpTimeoutException e) {
            throw new AssertionFailedError("POST /orders did not answer within " + slo.toMillis()
                    + "ms (the checkout SLO)");
        }
    }
}
