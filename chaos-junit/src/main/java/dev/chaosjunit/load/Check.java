package dev.chaosjunit.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A check on one response. A request without a status check treats 4xx and 5xx as errors ({@link ErrorKind#HTTP_4XX},
 * {@link ErrorKind#HTTP_5XX}); with one, only the listed statuses pass.
 */
public final class Check {

    enum Type { STATUS, BODY_CONTAINS, JSON_EQUALS }

    private final Type type;
    private final int[] statuses;
    private final String text;
    private final JsonPath jsonPath;

    private Check(Type type, int[] statuses, String text, JsonPath jsonPath) {
        this.type = type;
        this.statuses = statuses;
        this.text = text;
        this.jsonPath = jsonPath;
    }

    /** The status must be one of {@code expected} (each 100..599). */
    public static Check status(int... expected) {
        Objects.requireNonNull(expected, "expected statuses");
        if (expected.length == 0) {
            throw new IllegalArgumentException("Check.status needs at least one expected status, got none");
        }
        for (int s : expected) {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("Check.status: an HTTP status must be 100..599, got " + s);
            }
        }
        return new Check(Type.STATUS, expected.clone(), null, null);
    }

    /** The body must contain {@code text} (UTF-8). */
    public static Check bodyContains(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Check.bodyContains needs a non-empty text, got " + Args.quoted(text));
        }
        return new Check(Type.BODY_CONTAINS, null, text, null);
    }

    /**
     * The JSON body's field at {@code path} must equal {@code expected}: strings compare by value, numbers and
     * booleans by their JSON text ({@code "42"}, {@code "true"}). A path is dot-separated names with optional
     * {@code [index]} parts: {@code "status"}, {@code "items[0].id"}, {@code "[0].name"}.
     */
    public static Check jsonEquals(String path, String expected) {
        JsonPath parsed = JsonPath.of(path, "Check.jsonEquals");
        Objects.requireNonNull(expected, "expected value");
        return new Check(Type.JSON_EQUALS, null, expected, parsed);
    }

    /** Whether this is a status check. */
    public boolean isStatusCheck() {
        return type == Type.STATUS;
    }

    /** Whether this check reads the response body. */
    public boolean needsBody() {
        return type != Type.STATUS;
    }

    /** Tests a status; only meaningful for status checks. */
    public boolean acceptsStatus(int status) {
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }

    /** Tests a body; returns {@code null} when it passes, else a short reason. */
    public String testBody(byte[] body, int length) {
        switch (type) {
            case BODY_CONTAINS:
                return new String(body, 0, length, StandardCharsets.UTF_8).contains(text) ? null
                        : "body does not contain \"" + text + "\"";
            case JSON_EQUALS:
                String actual = jsonPath.read(body, length);
                return text.equals(actual) ? null : "JSON " + jsonPath + " is " + actual + ", expected " + text;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        switch (type) {
            case STATUS:
                return "status in " + Arrays.toString(statuses);
            case BODY_CONTAINS:
                return "body contains \"" + text + "\"";
            default:
                return "JSON " + jsonPath + " equals \"" + text + "\"";
        }
    }
}
