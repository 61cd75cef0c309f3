package dev.chaosjunit.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human-readable durations used in annotations, configuration parameters and the command line:
 * {@code "400ms"}, {@code "5s"}, {@code "1m30s"}, {@code "1h"}, {@code "250us"}, {@code "1.5s"}, or {@code "0"}.
 *
 * <p>A duration is one or more {@code <number><unit>} parts, largest unit first; units are {@code h}, {@code m},
 * {@code s}, {@code ms}, {@code us} (or {@code µs}) and {@code ns}. Whitespace between parts is not allowed, so
 * that {@code "5 sec"} is rejected rather than guessed at.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");
    private static final String VALID =
            "a number followed by a unit (h, m, s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"";

    private Durations() {
    }

    /**
     * Parses {@code text} into a non-negative duration.
     *
     * @throws IllegalArgumentException naming the text and what would be valid
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no duration given: expected " + VALID);
        }
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("\"\" is not a duration: expected " + VALID);
        }
        Matcher m = PART.matcher(trimmed.toLowerCase(Locale.ROOT));
        int pos = 0;
        long nanos = 0;
        int lastRank = Integer.MAX_VALUE;
        while (pos < trimmed.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration: expected " + VALID);
            }
            int rank = rank(m.group(2));
            if (rank >= lastRank) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration: units must go from largest "
                        + "to smallest, each at most once; expected " + VALID);
            }
            lastRank = rank;
            double value = Double.parseDouble(m.group(1));
            double partNanos = value * unitNanos(m.group(2));
            if (partNanos > Long.MAX_VALUE - nanos) {
                throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
            }
            nanos += Math.round(partNanos);
            pos = m.end();
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * Formats a duration the way {@link #parse} reads it, choosing the largest exact unit: {@code 400ms},
     * {@code 5s}, {@code 1m30s}, {@code 0}.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            long s = nanos / 1_000_000_000L;
            StringBuilder sb = new StringBuilder();
            if (s >= 3600) {
                sb.append(s / 3600).append('h');
                s %= 3600;
            }
            if (s >= 60) {
                sb.append(s / 60).append('m');
                s %= 60;
            }
            if (s > 0) {
                sb.append(s).append('s');
            }
            return sb.toString();
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + "ms";
        }
        if (nanos % 1_000L == 0) {
            return (nanos / 1_000L) + "us";
        }
        return nanos + "ns";
    }

    private static int rank(String unit) {
        switch (unit) {
            case "h": return 6;
            case "m": return 5;
            case "s": return 4;
            case "ms": return 3;
            case "us":
            case "µs": return 2;
            default: return 1;
        }
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case "h": return 3600e9;
            case "m": return 60e9;
            case "s": return 1e9;
            case "ms": return 1e6;
            case "us":
            case "µs": return 1e3;
            default: return 1;
        }
    }
}
