package dev.chaosjunit.samples.rollout.common;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service's settings from environment variables (or any map of them, for tests), with a clear error naming
 * the variable, the bad value and what is valid, so a misconfigured container stops at once instead of serving.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final Map<String, String> env;

    private Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Settings from the given variables. */
    public static Settings of(Map<String, String> env) {
        return new Settings(Objects.requireNonNull(env, "env"));
    }

    /** Settings from the process environment. */
    public static Settings fromEnvironment() {
        return of(System.getenv());
    }

    /** The variable's value, or {@code fallback} when it is unset or blank. */
    public String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A TCP port (1..65535; 0 picks a free one, for tests). */
    public int port(String name, int fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + value + " is not a port: expected 0..65535 (0 picks a free port)");
    }

    /** A duration written as a whole number and a unit: {@code 250ms}, {@code 2s}, {@code 1m}. */
    public Duration duration(String name, Duration fallback) {
        String value = text(name, null);
        return value == null ? fallback : parseDuration(name, value);
    }

    /** Parses {@code 250ms}, {@code 2s} or {@code 1m}; {@code name} is used in the error message. */
    public static Duration parseDuration(String name, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + "=" + value
                    + " is not a duration: expected a whole number followed by ms, s or m, for example 250ms or 2s");
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            default:
                return Duration.ofMinutes(amount);
        }
    }
}
