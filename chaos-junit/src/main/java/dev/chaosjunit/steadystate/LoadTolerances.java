package dev.chaosjunit.steadystate;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Absolute tolerances for a window of load: what a steady system looks like. Unset bounds ({@code null} latencies,
 * a negative throughput) are not checked.
 *
 * @param maxErrorRate highest error rate, 0..1
 * @param minThroughput fewest completed requests per second; negative: not checked
 * @param p50 highest median latency, or {@code null}
 * @param p90 highest 90th percentile latency, or {@code null}
 * @param p99 highest 99th percentile latency, or {@code null}
 * @param p999 highest 99.9th percentile latency, or {@code null}
 * @param maxDropped most dropped requests
 */
public record LoadTolerances(double maxErrorRate, double minThroughput, Duration p50, Duration p90, Duration p99,
                             Duration p999, long maxDropped) {

    /**
     * What in {@code stats} breaks these tolerances, one line each ({@code "error rate 3.20% > max 1.00%"});
     * empty when the window is steady. A window in which nothing completed and nothing was dropped breaks them too:
     * no evidence is not steady.
     */
    public List<String> violations(LoadStats stats) {
        List<String> out = new ArrayList<>();
        if (stats.count() == 0 && stats.dropped() == 0) {
            out.add("no request completed in the window");
            return out;
        }
        if (stats.errorRate() > maxErrorRate) {
            out.add(String.format(Locale.ROOT, "error rate %s > max %s", percent(stats.errorRate()), percent(maxErrorRate)));
        }
        if (minThroughput >= 0 && stats.throughput() < minThroughput) {
            out.add(String.format(Locale.ROOT, "throughput %.1f/s < min %.1f/s", stats.throughput(), minThroughput));
        }
        latency(out, "p50", stats.percentile(50), p50);
        latency(out, "p90", stats.percentile(90), p90);
        latency(out, "p99", stats.percentile(99), p99);
        latency(out, "p99.9", stats.percentile(99.9), p999);
        if (stats.dropped() > maxDropped) {
            out.add("dropped " + stats.dropped() + " > max " + maxDropped);
        }
        return out;
    }

    private static void latency(List<String> out, String label, Duration actual, Duration max) {
        if (max != null && actual.compareTo(max) > 0) {
            out.add(label + " " + millis(actual) + " > max " + Durations.format(max));
        }
    }

    /** {@code 1.25%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** {@code 12.3ms}. */
    static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms < 10 ? String.format(Locale.ROOT, "%.2fms", ms) : String.format(Locale.ROOT, "%.1fms", ms);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("maxErrorRate ").append(percent(maxErrorRate));
        if (minThroughput >= 0) {
            sb.append(", minThroughput ").append(minThroughput).append("/s");
        }
        if (p50 != null) {
            sb.append(", p50 ").append(Durations.format(p50));
        }
        if (p90 != null) {
            sb.append(", p90 ").append(Durations.format(p90));
        }
        if (p99 != null) {
            sb.append(", p99 ").append(Durations.format(p99));
        }
        if (p999 != null) {
            sb.append(", p99.9 ").append(Durations.format(p999));
        }
        return sb.append(", maxDropped ").append(maxDropped).toString();
    }
}
