package dev.chaosjunit.prometheus.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Which failures of a Prometheus call are worth another attempt, and how long to wait before it.
 *
 * <p>Transient: every I/O failure (connection refused or reset, connect or request timeout), HTTP 5xx
 * (Prometheus answers {@code 503} with
 * {@code errorType} {@code unavailable}/{@code timeout}/{@code canceled} and {@code 500} {@code internal}) and
 * {@code 429 Too Many Requests}. Not transient: every other 4xx, above all {@code 400 bad_data} (the query is wrong
 * and stays wrong) and {@code 422 execution}.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** True for a status that may succeed when asked again. */
    public static boolean isTransient(int httpStatus) {
        return httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 599);
    }

    /**
     * The pause before attempt {@code nextAttempt} (2, 3, ...): doubling from the initial backoff, capped; a
     * {@code Retry-After} in seconds is honoured up to the cap.
     */
    public Duration backoffBefore(int nextAttempt, Optional<String> retryAfter) {
        Duration exponential = initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, nextAttempt - 2)));
        Duration wait = exponential.compareTo(maxBackoff) > 0 ? maxBackoff : exponential;
        if (retryAfter.isPresent()) {
            try {
                Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.get().strip()));
                wait = asked.compareTo(maxBackoff) > 0 ? maxBackoff : (asked.compareTo(wait) > 0 ? asked : wait);
            } catch (NumberFormatException ignored) {
                // an HTTP date: keep the exponential backoff
            }
        }
        return wait;
    }
}
