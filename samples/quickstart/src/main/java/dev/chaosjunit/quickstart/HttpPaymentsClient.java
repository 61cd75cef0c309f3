package dev.chaosjunit.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
            HttpResponse<String> response = timeout == null
                    ? http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                    : within(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
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

    /**
     * The whole exchange within the timeout: the request's own timeout covers the response headers only (JDK
     * 8208693), so a body held up after its headers (a fault that starts mid-response) would still wait.
     */
    private HttpResponse<String> within(CompletableFuture<HttpResponse<String>> response)
            throws IOException, InterruptedException {
        try {
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new HttpTimeoutException("payments did not answer within " + timeout.toMillis() + "ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("payments call failed", e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }
}
