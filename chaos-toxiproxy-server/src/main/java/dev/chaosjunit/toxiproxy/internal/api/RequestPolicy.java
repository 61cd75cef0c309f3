package dev.chaosjunit.toxiproxy.internal.api;

import dev.chaosjunit.toxiproxy.internal.http.HttpRequest;
import dev.chaosjunit.toxiproxy.internal.http.HttpResponse;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may drive the API. As Toxiproxy does, a request whose {@code User-Agent} starts with {@code Mozilla/} (every
 * browser) is refused with 403 and the body {@code User agent not allowed}: a web page must not be able to create
 * proxies. Against DNS rebinding (a page whose host name is made to resolve to 127.0.0.1), the {@code Host} header
 * must name this server: an IP address literal, {@code localhost} (or a name ending in {@code .localhost}), the host
 * the API was asked to listen on, this machine's own host name, or a name allowed explicitly ({@code *} allows
 * every name). A request without {@code Host} (HTTP/1.0) is let through.
 */
public final class RequestPolicy {
    private final Set<String> allowedNames = new LinkedHashSet<>();
    private final boolean anyName;

    /**
     * @param listenHost   the host the API was asked to listen on (a name or an address)
     * @param extraAllowed further allowed host names; {@code *} allows all
     */
    public RequestPolicy(String listenHost, Set<String> extraAllowed) {
        allowedNames.add("localhost");
        allowedNames.add(normalize(listenHost));
        boolean any = false;
        for (String name : extraAllowed) {
            if (name.equals("*")) {
                any = true;
            } else {
                allowedNames.add(normalize(name));
            }
        }
        anyName = any;
        try {
            InetAddress local = InetAddress.getLocalHost();
            allowedNames.add(normalize(local.getHostName()));
        } catch (Exception e) {
            // no resolvable local host name: the other names still work
        }
    }

    /** The refusal for this request, or null when it may go on. */
    public HttpResponse refusal(HttpRequest request) {
        String agent = request.header("User-Agent");
        if (agent != null && agent.startsWith("Mozilla/")) {
            return HttpResponse.text(403, "User agent not allowed\n");
        }
        String host = request.header("Host");
        if (host != null && !anyName && !allowed(hostPart(host))) {
            return HttpResponse.text(403, "Host not allowed: this API answers to IP addresses and to "
                    + String.join(", ", allowedNames) + ", .localhost names (DNS rebinding protection; "
                    + "allow more names with -allowed-hosts)\n");
        }
        return null;
    }

    private boolean allowed(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (isIpLiteral(host) || host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        return allowedNames.contains(host);
    }

    /** The host of a Host header value, without port or brackets, lower case, trailing dot removed. */
    static String hostPart(String value) {
        String host = value.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? "" : host.substring(1, end).toLowerCase(Locale.ROOT);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        return normalize(host);
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
