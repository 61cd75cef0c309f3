package dev.chaosjunit.prometheus;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A query that did not produce an answer: Prometheus rejected it (then {@link #errorType()} and
 * {@link #prometheusError()} carry Prometheus' own words, for example {@code bad_data} and
 * {@code 1:16: parse error: unclosed left parenthesis}), answered with something that is not its API, or could not
 * be reached after all attempts.
 */
public class PrometheusQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String query;
    private final Integer httpStatus;
    private final String errorType;
    private final String prometheusError;
    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param message the full human-readable message
     * @param query the PromQL expression
     * @param httpStatus the HTTP status, or {@code null} when no response arrived
     * @param errorType Prometheus' {@code errorType}, or {@code null}
     * @param prometheusError Prometheus' {@code error} text, or {@code null}
     * @param attempts how many attempts were made
     * @param cause the underlying transport error, or {@code null}
     */
    public PrometheusQueryException(String message, String query, Integer httpStatus, String errorType,
            String prometheusError, int attempts, Throwable cause) {
        super(message, cause);
        this.query = query;
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.prometheusError = prometheusError;
        this.attempts = attempts;
    }

    /** The PromQL expression that failed. */
    public String query() {
        return query;
    }

    /** The HTTP status of the last response, empty when no response arrived (refused, timed out). */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** Prometheus' {@code errorType} ({@code bad_data}, {@code execution}, {@code timeout}, ...), if it sent one. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** Prometheus' {@code error} text, if it sent one. */
    public Optional<String> prometheusError() {
        return Optional.ofNullable(prometheusError);
    }

    /** How many attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }
}
