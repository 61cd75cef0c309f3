package dev.chaosjunit.fault;

import dev.chaosjunit.config.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the values of one declaration (an annotation occurrence, a builder call): strings with {@code ${NAME}}
 * placeholders, durations, fractions, integers, sizes and schedules. Every fault and check parses through this one
 * class, so every refusal has the same shape, an {@link InvalidValueException}:
 * {@code <subject>: <attribute> = <value> <problem>: expected <what is valid>}.
 *
 * <p>{@code ${NAME}} is replaced by the environment variable {@code NAME}, else the system property {@code NAME};
 * {@code $${NAME}} stands for a literal {@code ${NAME}}. An unset name is an error, never an empty string.
 */
public final class AnnotationValues {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern RATE = Pattern.compile("(\\d{1,12})(KB|kB|MB)/s");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|kB|MB|GB)");
    private static final Function<String, String> ENVIRONMENT = name -> {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    };

    private final String subject;
    private final Function<String, String> env;

    private AnnotationValues(String subject, Function<String, String> env) {
        this.subject = subject == null ? "" : subject;
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The parser of one declaration.
     *
     * @param subject the declaration as messages name it, such as
     *        {@code @InjectLatency(proxy = "payments") on CheckoutTest.slow()}, or {@code ""}
     * @param env looks up placeholder names; {@code null} for no placeholders at all
     */
    public static AnnotationValues of(String subject, Function<String, String> env) {
        return new AnnotationValues(subject, env == null ? name -> null : env);
    }

    /** As {@link #of(String, Function)}, with placeholders read from the environment, else system properties. */
    public static AnnotationValues of(String subject) {
        return new AnnotationValues(subject, ENVIRONMENT);
    }

    /** Environment variables, else system properties: where {@code ${NAME}} placeholders are looked up. */
    public static Function<String, String> environment() {
        return ENVIRONMENT;
    }

    /** The subject messages start with, such as {@code @InjectLatency(proxy = "payments") on CheckoutTest.slow()}. */
    public String subject() {
        return subject;
    }

    /** Replaces the placeholders of {@code value}; {@code null} stays {@code null}. */
    public String string(String attribute, String value) {
        return replacePlaceholders(value, name -> {
            String replacement = env.apply(name);
            if (replacement == null) {
                throw invalid(attribute, value, "uses ${" + name + "}, which is not set: expected the "
                        + "environment variable or system property " + name + " to be set");
            }
            return replacement;
        }, malformed -> "${" + malformed + "}");
    }

    /**
     * The one placeholder syntax of chaos-junit: replaces each {@code ${NAME}} ({@code NAME}: letters, digits,
     * {@code _} and {@code .}, not starting with a digit) with {@code lookup.apply(NAME)}, and {@code $${NAME}} with a
     * literal {@code ${NAME}}. {@code ${...}} with anything else inside is handed to {@code malformed}, which returns
     * the text to keep or throws.
     */
    public static String replacePlaceholders(String text, Function<String, String> lookup,
            Function<String, String> malformed) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (!NAME.matcher(name).matches()) {
                replacement = malformed.apply(name);
            } else {
                replacement = lookup.apply(name);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A non-blank string after placeholder replacement. */
    public String requiredString(String attribute, String value, String expectation) {
        String s = string(attribute, value);
        if (s == null || s.isBlank()) {
            throw invalid(attribute, value == null ? "" : value, "is empty: expected " + expectation);
        }
        return s;
    }

    /** A duration such as {@code "400ms"} or {@code "1m30s"}, placeholders allowed. */
    public Duration duration(String attribute, String value) {
        String s = string(attribute, value);
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            // Durations says "\"<text>\" is not a duration: expected ..." itself
            throw new InvalidValueException(subject, null, value, attribute + " = " + e.getMessage());
        }
    }

    /** A duration of at least {@code min}. */
    public Duration duration(String attribute, String value, Duration min) {
        Duration d = duration(attribute, value);
        if (d.compareTo(min) < 0) {
            throw invalid(attribute, value, "is too short: expected at least " + Durations.format(min));
        }
        return d;
    }

    /** A duration, or empty for {@code ""}; a zero duration is refused with {@code zeroHint} (what "" means). */
    public Optional<Duration> optionalPositiveDuration(String attribute, String value, String zeroHint) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Duration d = duration(attribute, value);
        if (d.isZero()) {
            throw invalid(attribute, value, "is too short: expected more than 0, or \"\" for " + zeroHint);
        }
        return Optional.of(d);
    }

    /** A fraction from 0.0 to 1.0, such as a toxicity. */
    public double fraction(String attribute, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw invalid(attribute, value, "is out of range: expected a fraction from 0.0 to 1.0");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}. */
    public long integer(String attribute, long value, long min, long max) {
        if (value < min) {
            throw invalid(attribute, value, "is too small: expected at least " + min
                    + (max == Long.MAX_VALUE ? "" : " (and at most " + max + ")"));
        }
        if (value > max) {
            throw invalid(attribute, value, "is too large: expected at most " + max);
        }
        return value;
    }

    /** A size in bytes: {@code "512B"}, {@code "64KB"}, {@code "2MB"}, {@code "1GB"} (1KB = 1000 bytes), at least 1. */
    public long bytes(String attribute, String value) {
        String s = string(attribute, value);
        Matcher m = SIZE.matcher(s == null ? "" : s.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw invalid(attribute, value, "is not a size: expected a whole number of B, KB, MB or GB "
                    + "(1KB = 1000 bytes), at least 1, for example \"64KB\"");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "KB": case "kB": return n * 1_000L;
            case "MB": return n * 1_000_000L;
            case "GB": return n * 1_000_000_000L;
            default: return n;
        }
    }

    /** A duration as whole milliseconds, at least {@code minMillis}. */
    public long wholeMillis(String attribute, String value, long minMillis) {
        Duration d = duration(attribute, value);
        if (d.toNanos() % 1_000_000L != 0) {
            throw invalid(attribute, value, "is not a whole number of milliseconds: expected for example "
                    + "\"" + Math.max(1, d.toMillis()) + "ms\"");
        }
        if (d.toMillis() < minMillis) {
            throw invalid(attribute, value, "is too short: expected at least "
                    + Durations.format(Duration.ofMillis(minMillis)));
        }
        return d.toMillis();
    }

    /** A duration as whole microseconds. */
    public long wholeMicros(String attribute, String value) {
        Duration d = duration(attribute, value);
        if (d.toNanos() % 1_000L != 0) {
            throw invalid(attribute, value, "is not a whole number of microseconds: expected for example "
                    + "\"500us\"");
        }
        return d.toNanos() / 1_000L;
    }

    /** A rate such as {@code "100KB/s"} or {@code "2MB/s"} in KB/s (1KB = 1000 bytes), at least 1. */
    public long kilobytesPerSecond(String attribute, String value) {
        String s = string(attribute, value);
        Matcher m = RATE.matcher(s == null ? "" : s.strip());
        String valid = "a whole number of KB/s or MB/s (1KB = 1000 bytes), at least \"1KB/s\", for example "
                + "\"100KB/s\"";
        if (!m.matches()) {
            throw invalid(attribute, value, "is not a rate: expected " + valid);
        }
        long n = Long.parseLong(m.group(1));
        long kb = m.group(2).equals("MB") ? n * 1000 : n;
        if (kb < 1) {
            throw invalid(attribute, value, "is too low: expected " + valid);
        }
        return kb;
    }

    /**
     * The common schedule attributes. Empty strings mean: {@code after} = at once, {@code duration} = until the chaos
     * phase ends, {@code every} = once. Checked against the chaos {@code window} if there is one.
     */
    public Schedule schedule(String after, String duration, String every, Optional<Duration> window) {
        Duration a = after == null || after.isBlank() ? Duration.ZERO : duration("after", after);
        Duration d = optionalPositiveDuration("duration", duration, "the whole chaos phase").orElse(null);
        Duration e = null;
        if (every != null && !every.isBlank()) {
            e = duration("every", every);
            if (d == null) {
                throw invalid("every", every, "repeats a fault that has no duration: expected duration to be set "
                        + "and shorter than every");
            }
            if (e.compareTo(d) <= 0) {
                throw invalid("every", every, "is not longer than duration = \"" + duration
                        + "\": expected a period longer than the duration");
            }
        }
        if (window.isPresent()) {
            Duration w = window.get();
            if (a.compareTo(w) >= 0) {
                throw invalid("after", after, "starts at or after the end of the chaos window ("
                        + Durations.format(w) + "): expected less than " + Durations.format(w));
            }
            if (d != null && a.plus(d).compareTo(w) > 0) {
                throw invalid("duration", duration, "ends at " + Durations.format(a.plus(d))
                        + ", after the chaos window of " + Durations.format(w) + ": expected after + duration <= "
                        + Durations.format(w));
            }
        }
        return Schedule.of(a, d, e);
    }

    /**
     * The refusal of one value.
     *
     * @param attribute the attribute, such as {@code latency}
     * @param value the value as written (strings are quoted in the message)
     * @param problem what is wrong and what is valid, such as {@code is out of range: expected 0.0 to 1.0}
     */
    public InvalidValueException invalid(String attribute, Object value, String problem) {
        return new InvalidValueException(subject, attribute, value, problem);
    }

    /** The refusal of the whole declaration: {@code <subject>: <detail>}. */
    public InvalidValueException fail(String detail) {
        return new InvalidValueException(subject, null, null, detail);
    }
}
