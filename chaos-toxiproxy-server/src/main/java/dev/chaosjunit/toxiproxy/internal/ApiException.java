package dev.chaosjunit.toxiproxy.internal;

/**
 * A request the API refuses, carrying the HTTP status and a message in Toxiproxy's wording
 * (Toxiproxy's own text first, then the detail: which proxy, toxic, attribute and value, and what is valid).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
