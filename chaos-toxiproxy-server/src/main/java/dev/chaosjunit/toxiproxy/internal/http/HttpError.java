package dev.chaosjunit.toxiproxy.internal.http;

/** A request that cannot be read: answered with this status and message, then the connection is closed. */
final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
