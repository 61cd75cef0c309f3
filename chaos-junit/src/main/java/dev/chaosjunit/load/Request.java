package dev.chaosjunit.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request of a scenario: method, path, headers, body, checks and captures. Path, header values and
 * body may use {@code ${name}} for a value {@link Capture captured} earlier in the same session.
 *
 * <p>Immutable: every method returns a new request.
 * <pre>{@code
 * Request.post("/cart").jsonBody("{\"id\":\"${itemId}\"}").check(Check.status(201))
 * }</pre>
 */
public final class Request {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String name;
    private final String method;
    private final String path;
    private final List<String[]> headers;
    private final String body;
    private final List<Check> checks;
    private final List<Capture> captures;

    private Request(String name, String method, String path, List<String[]> headers, String body,
                    List<Check> checks, List<Capture> captures) {
        if (method == null || !TOKEN.matcher(method).matches()) {
            throw new IllegalArgumentException("HTTP method must be a token such as GET or POST, got "
                    + Args.quoted(method));
        }
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("request path must start with \"/\" and contain no spaces or control"
                    + " characters (percent-encode them), got \"" + path + "\"");
        }
        this.name = name;
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.checks = checks;
        this.captures = captures;
    }

    /** A request with any method token. */
    public static Request of(String method, String path) {
        return new Request(null, method, path, List.of(), null, List.of(), List.of());
    }

    public static Request get(String path) {
        return of("GET", path);
    }

    public static Request post(String path) {
        return of("POST", path);
    }

    public static Request put(String path) {
        return of("PUT", path);
    }

    public static Request delete(String path) {
        return of("DELETE", path);
    }

    /** A label used in messages; defaults to {@code "METHOD path"}. */
    public Request named(String label) {
        Objects.requireNonNull(label, "label");
        return new Request(label, method, path, headers, body, checks, captures);
    }

    /**
     * Adds a header. {@code Host}, {@code Content-Length}, {@code Connection} and {@code Transfer-Encoding} are set by
     * the driver and cannot be given; {@code Cookie} is managed by the session.
     */
    public Request header(String headerName, String value) {
        if (headerName == null || !TOKEN.matcher(headerName).matches()) {
            throw new IllegalArgumentException("header name must be an HTTP token, got \"" + headerName + "\"");
        }
        String lower = headerName.toLowerCase(Locale.ROOT);
        if (List.of("host", "content-length", "connection", "transfer-encoding", "cookie").contains(lower)) {
            throw new IllegalArgumentException("header \"" + headerName + "\" is managed by the load driver and cannot"
                    + " be set on a request");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header \"" + headerName
                    + "\" value must be non-null without CR or LF, got "
                    + (value == null ? "null" : "\"" + value.replace("\r", "\\r").replace("\n", "\\n") + "\""));
        }
        List<String[]> h = new ArrayList<>(headers);
        h.add(new String[] {headerName, value});
        return new Request(name, method, path, Collections.unmodifiableList(h), body, checks, captures);
    }

    /** Sets an {@code Authorization: Basic} header (the Sock Shop login). */
    public Request basicAuth(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("basic-auth user must not contain ':', got \"" + user + "\"");
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return header("Authorization", "Basic " + token);
    }

    /** Sets the body (UTF-8). */
    public Request body(String text) {
        Objects.requireNonNull(text, "body");
        return new Request(name, method, path, headers, text, checks, captures);
    }

    /** Sets a JSON body and {@code Content-Type: application/json}. */
    public Request jsonBody(String json) {
        return header("Content-Type", "application/json").body(json);
    }

    /** Adds checks on the response. */
    public Request check(Check... more) {
        List<Check> c = new ArrayList<>(checks);
        for (Check k : more) {
            c.add(Objects.requireNonNull(k, "check"));
        }
        return new Request(name, method, path, headers, body, Collections.unmodifiableList(c), captures);
    }

    /** Adds captures from the response into the session. */
    public Request capture(Capture... more) {
        List<Capture> c = new ArrayList<>(captures);
        for (Capture k : more) {
            c.add(Objects.requireNonNull(k, "capture"));
        }
        return new Request(name, method, path, headers, body, checks, Collections.unmodifiableList(c));
    }

    public String name() {
        return name != null ? name : method + " " + path;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Headers as {@code [name, value]} pairs, in order. */
    public List<String[]> headers() {
        return headers;
    }

    /** The body, or {@code null}. */
    public String body() {
        return body;
    }

    public List<Check> checks() {
        return checks;
    }

    public List<Capture> captures() {
        return captures;
    }

    @Override
    public String toString() {
        return name();
    }
}
