package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the once-per-second progress line:
 * {@code chaos-load [during] 12s: 998/1000 req/s, errors 3 (0.30%: http_5xx=3), dropped 0, p99 1.25ms}, with
 * {@code , SATURATED (lag p99 14.0ms)} appended when the driver could not keep its schedule; a second in which
 * nothing completed shows {@code no responses} instead of a p99.
 */
public final class ProgressLine {

    private ProgressLine() {
    }

    public static String format(String label, long second, LoadStats s, LoadProfile profile) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("chaos-load [").append(label).append("] ").append(second + 1).append("s: ");
        if (profile.isOpen()) {
            double target = profile.targetRateAt(Duration.ofSeconds(second).plusMillis(500));
            sb.append(String.format(Locale.ROOT, "%.0f/%.0f req/s", s.throughput(), target));
        } else {
            sb.append(String.format(Locale.ROOT, "%.0f req/s (%d users)", s.throughput(), profile.users()));
        }
        sb.append(", errors ").append(s.errors());
        if (s.errors() > 0) {
            sb.append(String.format(Locale.ROOT, " (%.2f%%:", s.errorRate() * 100));
            for (Map.Entry<ErrorKind, Long> e : s.errorsByKind().entrySet()) {
                sb.append(' ').append(e.getKey().label()).append('=').append(e.getValue());
            }
            sb.append(')');
        }
        sb.append(", dropped ").append(s.dropped());
        if (s.count() == 0) {
            sb.append(", no responses");   // no latency to show: a p99 of 0 would read as a fast second
        } else {
            sb.append(", p99 ").append(Millis.format(s.percentile(99)));
        }
        if (s.saturated()) {
            sb.append(", SATURATED (lag p99 ").append(Millis.format(s.scheduleLagPercentile(99))).append(')');
        }
        return sb.toString();
    }
}
