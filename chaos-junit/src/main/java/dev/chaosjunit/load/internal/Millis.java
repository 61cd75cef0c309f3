package dev.chaosjunit.load.internal;

import java.time.Duration;
import java.util.Locale;

/** Formats latencies as milliseconds for progress lines and summaries. */
public final class Millis {

    private Millis() {
    }

    /** {@code 0.123ms}, {@code 12.3ms}, {@code 1234ms}. */
    public static String format(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3fms", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.2fms", ms);
        }
        return String.format(Locale.ROOT, "%.0fms", ms);
    }

    /** Milliseconds as a double. */
    public static double of(Duration d) {
        return d.toNanos() / 1e6;
    }
}
