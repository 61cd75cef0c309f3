package dev.chaosjunit.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link PaymentsClient} over HTTP with the JDK client; optionally with a timeout and a "pending" fallback. */
final class HttpPaymentsClient implements PaymentsClient {

    private final URI uri;
    private final Duration timeout;
    private final boolean fallback;
    private final HttpClient http;

    HttpPaymentsClient(String paymentsUrl, Duration timeout, boolean fallback) {
        this.uri = URI.create(paymentsUrl + "/payments");
        this.timeout = timeout;
        this.fallback = fallback;
        HttpClient.Builder b = HttpClient.newBuilder();
        if (timeout != null) {
            b.connectTimeout(timeout);
        }
        this.http = b.build();
    }

    @Override
    public String authorize(String orderId, long amountCents) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":\"" + orderId + "\",\"amount\":" + amountCents
                        + "}"))
                .header("Content-Type", "application/json");
        if (timeout != null) {
            request.timeout(timeout);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("payments answered " + response.statusCode());
            }
            return response.body().contains("authorized") ? "authorized" : "declined";
        } catch (IOException e) {   // a timeout (HttpTimeoutException), a refused or reset connection
            if (fallback) {
                return "pending";
            }
            throw e;
        }
    }
}
