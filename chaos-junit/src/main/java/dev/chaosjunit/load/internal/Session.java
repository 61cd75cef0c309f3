package dev.chaosjunit.load.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookies and captured values of one user (closed model) or one connection (open model). Loop-confined.
 */
final class Session {

    /** The most cookies a session keeps. */
    static final int MAX_COOKIES = 64;

    Map<String, String> cookies = new LinkedHashMap<>();
    final Map<String, String> vars = new HashMap<>();
    boolean started;

    /**
     * Applies a response's {@code Set-Cookie} values; returns {@code false}, keeping none of them, when they would
     * take the session past {@link #MAX_COOKIES}.
     */
    boolean applySetCookies(List<String> setCookies) {
        if (setCookies.isEmpty()) {
            return true;
        }
        Map<String, String> next = new LinkedHashMap<>(cookies);
        for (String sc : setCookies) {
            int semi = sc.indexOf(';');
            String pair = semi < 0 ? sc : sc.substring(0, semi);
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            String lower = sc.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("max-age=0") || lower.contains("max-age=-")
                    || lower.contains("expires=thu, 01 jan 1970")) {
                next.remove(name);
            } else {
                next.put(name, value);
            }
        }
        if (next.size() > MAX_COOKIES) {
            return false;
        }
        cookies = next;
        return true;
    }

    String cookieHeader() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : cookies.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
