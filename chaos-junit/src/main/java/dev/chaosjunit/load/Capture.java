package dev.chaosjunit.load;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Takes a value from a response and keeps it in the session under a name, so that later requests of the same
 * session can use it as {@code ${name}} in their path, headers or body. A capture that finds nothing fails the
 * request as {@link ErrorKind#CHECK_FAILED}.
 */
public final class Capture {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final String name;
    private final JsonPath jsonPath;
    private final Pattern regex;

    private Capture(String name, JsonPath jsonPath, Pattern regex) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("capture name must match " + NAME.pattern() + ", got \"" + name + "\"");
        }
        this.name = name;
        this.jsonPath = jsonPath;
        this.regex = regex;
    }

    /** Captures the JSON field at {@code path} (see {@link Check#jsonEquals} for the path syntax). */
    public static Capture jsonField(String name, String path) {
        return new Capture(name, JsonPath.of(path, "Capture.jsonField"), null);
    }

    /** Captures group 1 (or the whole match if the pattern has no group) of the first match in the body. */
    public static Capture regex(String name, String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        try {
            return new Capture(name, null, Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Capture.regex \"" + name + "\": \"" + pattern
                    + "\" is not a valid regular expression: " + e.getDescription());
        }
    }

    /** The session variable name. */
    public String name() {
        return name;
    }

    /** Extracts the value, or {@code null} when the response does not hold it. */
    public String extract(byte[] body, int length) {
        if (jsonPath != null) {
            return jsonPath.read(body, length);
        }
        Matcher m = regex.matcher(new String(body, 0, length, StandardCharsets.UTF_8));
        if (!m.find()) {
            return null;
        }
        return m.groupCount() >= 1 ? m.group(1) : m.group();
    }

    @Override
    public String toString() {
        return name + " <- " + (jsonPath != null ? "JSON " + jsonPath : "regex " + regex.pattern());
    }
}
