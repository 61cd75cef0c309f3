package dev.chaosjunit.toxiproxy.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * A response to write: status, content type and body (always sent with {@code Content-Length}, none for 204).
 *
 * @param status      HTTP status code
 * @param contentType the {@code Content-Type}, or null for none
 * @param body        the body bytes
 */
public record HttpResponse(int status, String contentType, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, null, EMPTY);
    }

    /** The reason phrase of a status code. */
    static String reason(int status) {
        switch (status) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 204: return "No Content";
            case 400: return "Bad Request";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 413: return "Payload Too Large";
            case 414: return "URI Too Long";
            case 417: return "Expectation Failed";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 503: return "Service Unavailable";
            case 505: return "HTTP Version Not Supported";
            default: return "Status " + status;
        }
    }
}
