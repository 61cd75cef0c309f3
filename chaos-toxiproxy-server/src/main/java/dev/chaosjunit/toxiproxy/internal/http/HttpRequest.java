package dev.chaosjunit.toxiproxy.internal.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * One complete HTTP/1.x request as the API sees it: read in full by the event loop before any worker touches it.
 *
 * @param method  upper-case method, e.g. {@code POST}
 * @param path    the raw path of the request target, without query (percent-encoding kept)
 * @param headers name/value pairs in arrival order (names as sent)
 * @param body    the decoded body (chunked bodies are joined), empty when there is none
 * @param remote  the client's address
 * @param keepAlive whether the connection stays open after the response (HTTP/1.1 unless {@code Connection: close})
 */
public record HttpRequest(String method, String path, List<String[]> headers, byte[] body,
        InetSocketAddress remote, boolean keepAlive) {

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    /** How many times a header occurs. */
    int count(String name) {
        int n = 0;
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    /** Whether a comma-separated header (such as {@code Connection}) holds the token, case-insensitively. */
    boolean headerHasToken(String name, String token) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                for (String part : header[1].split(",")) {
                    if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
