package dev.chaosjunit.prometheus;

import dev.chaosjunit.prometheus.internal.ApiText;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.prometheus.internal.ResponseParser;
import dev.chaosjunit.prometheus.internal.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small PromQL client for Prometheus' HTTP API ({@code /api/v1/query} and {@code /api/v1/query_range}), built on
 * the JDK {@link HttpClient}. Immutable and thread-safe; make one per Prometheus and share it.
 *
 * <pre>{@code
 * PrometheusClient prometheus = PrometheusClient.builder("http://127.0.0.1:9090")
 *         .bearerToken(System.getenv("PROM_TOKEN"))
 *         .requestTimeout(Duration.ofSeconds(10))
 *         .build();
 * QueryResult r = prometheus.query("sum(rate(http_server_requests_seconds_count[30s]))");
 * }</pre>
 *
 * <p>Transient failures (connection refused or reset, timeouts, HTTP 5xx, 429) are retried with doubling backoff,
 * {@link Builder#maxAttempts 3 attempts} by default; a rejected query ({@code 400 bad_data}, {@code 422 execution})
 * is not retried. Every failure is a {@link PrometheusQueryException} carrying Prometheus' own {@code errorType} and
 * {@code error} text.
 */
public final class PrometheusClient {

    private final Builder settings;
    private final URI baseUri;
    private final String authorization;
    private final HttpClient http;
    private final RetryPolicy retry;

    private PrometheusClient(Builder b) {
        this.settings = b;
        this.baseUri = b.baseUri;
        if (b.bearerToken != null) {
            this.authorization = "Bearer " + b.bearerToken;
        } else if (b.username != null) {
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((b.username + ":" + b.password).getBytes(StandardCharsets.UTF_8));
        } else {
            this.authorization = null;
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff);
    }

    /**
     * Starts a builder for the Prometheus at {@code baseUrl}, for example {@code "http://127.0.0.1:9090"} or
     * {@code "https://monitoring.example.com/prometheus"} (the API paths are appended).
     *
     * @throws IllegalArgumentException naming the value when it is not an absolute http(s) URL
     */
    public static Builder builder(String baseUrl) {
        return new Builder(ApiText.parseBaseUrl(baseUrl));
    }

    /** A builder holding this client's settings, to derive a client that differs in some of them. */
    public Builder toBuilder() {
        return settings;
    }

    /** The base URL, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** Evaluates {@code promql} at the current time of the Prometheus server. */
    public QueryResult query(String promql) {
        return call("/api/v1/query", promql, Map.of());
    }

    /** Evaluates {@code promql} at {@code time} ({@code /api/v1/query?time=...}). */
    public QueryResult query(String promql, Instant time) {
        Objects.requireNonNull(time, "time");
        return call("/api/v1/query", promql, Map.of("time", ApiText.seconds(time)));
    }

    /**
     * Evaluates {@code promql} at {@code start}, {@code start + step}, ... up to {@code end}
     * ({@code /api/v1/query_range}); the answer is always a {@link ResultType#MATRIX}.
     */
    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("query range end " + end + " is before start " + start);
        }
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("query range step " + step + " must be positive");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("start", ApiText.seconds(start));
        params.put("end", ApiText.seconds(end));
        params.put("step", ApiText.seconds(step));
        return call("/api/v1/query_range", promql, params);
    }

    private QueryResult call(String path, String promql, Map<String, String> extra) {
        if (promql == null || promql.isBlank()) {
            throw new IllegalArgumentException("PromQL query must not be blank");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", promql);
        params.putAll(extra);
        String form = params.entrySet().stream()
                .map(e -> ApiText.form(e.getKey()) + "=" + ApiText.form(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(settings.requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        HttpRequest request = rb.build();
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new PrometheusQueryException("Prometheus at " + baseUri + " could not be reached for query \""
                            + promql + "\" after " + attempt + " attempt(s) in " + elapsed(started) + ": "
                            + ApiText.describe(e), promql, null, null, null, attempt, e);
                }
                pause(retry.backoffBefore(attempt + 1, Optional.empty()), promql, attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PrometheusQueryException("interrupted while querying Prometheus at " + baseUri
                        + " for \"" + promql + "\"", promql, null, null, null, attempt, e);
            }
            int status = response.statusCode();
            ResponseParser.Envelope envelope = ResponseParser.envelope(response.body());
            if (status / 100 == 2 && envelope != null && "success".equals(envelope.status)) {
                try {
                    return ResponseParser.result(envelope.root);
                } catch (RuntimeException e) {
                    throw new PrometheusQueryException("Prometheus at " + baseUri + " answered query \"" + promql
                            + "\" with JSON that is not a query result (" + e.getMessage() + "): "
                            + ResponseParser.excerpt(response.body()), promql, status, null, null, attempt, e);
                }
            }
            if (RetryPolicy.isTransient(status) && attempt < retry.maxAttempts()) {
                pause(retry.backoffBefore(attempt + 1, response.headers().firstValue("Retry-After")), promql, attempt);
                continue;
            }
            if (envelope != null && envelope.error != null) {
                throw new PrometheusQueryException("Prometheus at " + baseUri + " rejected query \"" + promql + "\": "
                        + envelope.errorType + ": " + envelope.error + " (HTTP " + status + ", attempt " + attempt
                        + " of " + retry.maxAttempts() + ")", promql, status, envelope.errorType, envelope.error,
                        attempt, null);
            }
            throw new PrometheusQueryException("Prometheus at " + baseUri + " answered query \"" + promql
                    + "\" with HTTP " + status + " and a body that is not Prometheus API JSON (is " + baseUri
                    + " a Prometheus server?): " + ResponseParser.excerpt(response.body()) + " (attempt " + attempt
                    + " of " + retry.maxAttempts() + ")", promql, status, null, null, attempt, null);
        }
    }

    private void pause(Duration wait, String promql, int attempt) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusQueryException("interrupted while waiting to retry query \"" + promql + "\" at "
                    + baseUri, promql, null, null, null, attempt, e);
        }
    }

    private static String elapsed(long startedNanos) {
        return Durations.format(Duration.ofMillis((System.nanoTime() - startedNanos) / 1_000_000));
    }

    /**
     * An immutable builder: every method returns a new builder and leaves this one unchanged, so a builder can be
     * shared as a template.
     */
    public static final class Builder {

        private final URI baseUri;
        private String bearerToken;
        private String username;
        private String password;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(2);

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        private Builder copy() {
            Builder b = new Builder(baseUri);
            b.bearerToken = bearerToken;
            b.username = username;
            b.password = password;
            b.connectTimeout = connectTimeout;
            b.requestTimeout = requestTimeout;
            b.maxAttempts = maxAttempts;
            b.initialBackoff = initialBackoff;
            b.maxBackoff = maxBackoff;
            return b;
        }

        /** Sends {@code Authorization: Bearer <token>}; replaces basic auth. */
        public Builder bearerToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("Prometheus bearer token is empty: give the token, or do not "
                        + "set one");
            }
            Builder b = copy();
            b.bearerToken = token;
            b.username = null;
            b.password = null;
            return b;
        }

        /** Sends {@code Authorization: Basic ...}; replaces a bearer token. */
        public Builder basicAuth(String username, String password) {
            if (username == null || username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("Prometheus basic-auth username \"" + username + "\" is not valid:"
                        + " expected a non-empty name without ':'");
            }
            Builder b = copy();
            b.username = username;
            b.password = Objects.requireNonNull(password, "password");
            b.bearerToken = null;
            return b;
        }

        /** Time allowed to open a connection (default 5s). */
        public Builder connectTimeout(Duration timeout) {
            Builder b = copy();
            b.connectTimeout = positive("connectTimeout", timeout);
            return b;
        }

        /** Time allowed for one request, from sending to the complete answer (default 30s). */
        public Builder requestTimeout(Duration timeout) {
            Builder b = copy();
            b.requestTimeout = positive("requestTimeout", timeout);
            return b;
        }

        /** Attempts per query including the first, 1 to 10 (default 3); 1 switches retries off. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("Prometheus maxAttempts " + attempts + " is out of range: "
                        + "expected 1 to 10 (1 = no retries)");
            }
            Builder b = copy();
            b.maxAttempts = attempts;
            return b;
        }

        /** Pause before the first retry, doubling before each next one up to {@code max} (default 200ms, 2s). */
        public Builder backoff(Duration initial, Duration max) {
            positive("backoff initial", initial);
            positive("backoff max", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("Prometheus backoff max " + Durations.format(max)
                        + " is shorter than initial " + Durations.format(initial) + ": expected max >= initial");
            }
            Builder b = copy();
            b.initialBackoff = initial;
            b.maxBackoff = max;
            return b;
        }

        /** Builds the client. */
        public PrometheusClient build() {
            return new PrometheusClient(this);
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("Prometheus " + what + " "
                        + (d == null ? "null" : Durations.format(d.abs()) + (d.isNegative() ? " (negative)" : ""))
                        + " is not valid: expected a positive duration");
            }
            return d;
        }
    }
}
