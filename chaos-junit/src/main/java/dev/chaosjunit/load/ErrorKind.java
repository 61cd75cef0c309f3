package dev.chaosjunit.load;

import java.util.Locale;

/** Why a request failed. Every failed request is counted under exactly one kind. */
public enum ErrorKind {
    /** The TCP connection was refused (nothing listens on the target port). */
    CONNECT_REFUSED,
    /** The connection was reset or closed by the server before a complete response arrived. */
    RESET,
    /**
     * No complete response within the request timeout (connect time included), or still in flight when a stop's
     * drain bound ran out.
     */
    TIMEOUT,
    /** The server answered with a 5xx status that no status check accepted. */
    HTTP_5XX,
    /** The server answered with a 4xx status that no status check accepted. */
    HTTP_4XX,
    /**
     * A check on the response failed (status check on a non-error status, body, JSON field, or a capture found
     * nothing).
     */
    CHECK_FAILED,
    /** The response was not valid HTTP/1.1. */
    PROTOCOL,
    /** Any other I/O failure (for example, the address could not be reached). */
    IO_ERROR,
    /**
     * The response crossed a bound on what the driver reads and keeps per response: more than 256 lines or 256 KiB of
     * head (status line and headers, interim responses and trailers included), more than 64 {@code Set-Cookie}
     * headers or one longer than 8 KiB, or cookies that would take a session past 64. The connection is closed at
     * the bound, the session keeps none of that response's cookies, and the run goes on.
     */
    RESPONSE_TOO_LARGE;

    /** Lower-case name used in JSON, progress lines and Micrometer tags ({@code "connect_refused"}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
