package dev.chaosjunit.network.internal;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.fault.ResolveContext;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the units Toxiproxy works in. */
final class Units {

    private static final Pattern RATE = Pattern.compile("(\\d{1,12})(KB|kB|MB)/s");

    private Units() {
    }

    /** A duration as whole milliseconds, at least {@code minMillis}. */
    static long millis(ResolveContext ctx, String attribute, String value, long minMillis) {
        Duration d = ctx.duration(attribute, value);
        if (d.toNanos() % 1_000_000L != 0) {
            throw ctx.invalid(attribute, value, "is not a whole number of milliseconds: expected for example "
                    + "\"" + Math.max(1, d.toMillis()) + "ms\"");
        }
        if (d.toMillis() < minMillis) {
            throw ctx.invalid(attribute, value, "is too short: expected at least "
                    + Durations.format(Duration.ofMillis(minMillis)));
        }
        return d.toMillis();
    }

    /** A duration as whole microseconds. */
    static long micros(ResolveContext ctx, String attribute, String value) {
        Duration d = ctx.duration(attribute, value);
        if (d.toNanos() % 1_000L != 0) {
            throw ctx.invalid(attribute, value, "is not a whole number of microseconds: expected for example "
                    + "\"500us\"");
        }
        return d.toNanos() / 1_000L;
    }

    /** A rate in KB/s (1KB = 1000 bytes), at least 1. */
    static long kilobytesPerSecond(ResolveContext ctx, String attribute, String value) {
        String s = ctx.string(attribute, value).strip();
        Matcher m = RATE.matcher(s);
        String valid = "a whole number of KB/s or MB/s (1KB = 1000 bytes), at least \"1KB/s\", for example "
                + "\"100KB/s\"";
        if (!m.matches()) {
            throw ctx.invalid(attribute, value, "is not a rate: expected " + valid);
        }
        long n = Long.parseLong(m.group(1));
        long kb = m.group(2).equals("MB") ? n * 1000 : n;
        if (kb < 1) {
            throw ctx.invalid(attribute, value, "is too low: expected " + valid);
        }
        return kb;
    }
}
