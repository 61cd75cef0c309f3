package dev.chaosjunit.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A customer placing an order with the checkout service, timing the answer. */
final class Checkout {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkout() {
    }

    /** One answer of {@code POST /orders}: status, payment state, and how long the customer waited. */
    record Order(int status, String payment, Duration took) {
    }

    /**
     * Places an order for socks. The request itself gives up after {@code giveUpAfter} (far above the SLO), so a
     * checkout that hangs fails the test with a clear message instead of blocking it.
     */
    static Order place(int checkoutPort, Duration giveUpAfter) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + checkoutPort + "/orders"))
                .header("Content-Type", "application/json")
                .timeout(giveUpAfter)
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"socks\"}"))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        JsonNode body = JSON.readTree(response.body());
        return new Order(response.statusCode(), body.path("payment").asText(null), took);
    }
}
