package dev.chaosjunit.steadystate;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Absolute tolerances for a window of load: what a steady system looks like. Empty bounds are not checked.
 *
 * @param maxErrorRate highest error rate, 0..1
 * @param minThroughput fewest completed requests per second, or empty
 * @param p50 highest median latency, or empty
 * @param p90 highest 90th percentile latency, or empty
 * @param p99 highest 99th percentile latency, or empty
 * @param p999 highest 99.9th percentile latency, or empty
 * @param maxDropped most dropped requests
 */
public record LoadTolerances(double maxErrorRate, OptionalDouble minThroughput, Optional<Duration> p50,
                             Optional<Duration> p90, Optional<Duration> p99, Optional<Duration> p999,
                             long maxDropped) {

    public LoadTolerances {
        Objects.requireNonNull(minThroughput, "minThroughput");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(p999, "p999");
    }

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
            out.add("error rate " + percent(stats.errorRate()) + " > max " + percent(maxErrorRate));
        }
        if (minThroughput.isPresent() && stats.throughput() < minThroughput.getAsDouble()) {
            out.add(String.format(Locale.ROOT, "throughput %.1f/s < min %.1f/s", stats.throughput(),
                    minThroughput.getAsDouble()));
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

    private static void latency(List<String> out, String label, Duration actual, Optional<Duration> max) {
        if (max.isPresent() && actual.compareTo(max.get()) > 0) {
            out.add(label + " " + millis(actual) + " > max " + Durations.format(max.get()));
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
        StringBuilder sb = new StringBuilder("maxErrorRate ")
                .append(Double.isInfinite(maxErrorRate) ? "off" : percent(maxErrorRate));
        minThroughput.ifPresent(t -> sb.append(", minThroughput ").append(t).append("/s"));
        p50.ifPresent(d -> sb.append(", p50 ").append(Durations.format(d)));
        p90.ifPresent(d -> sb.append(", p90 ").append(Durations.format(d)));
        p99.ifPresent(d -> sb.append(", p99 ").append(Durations.format(d)));
        p999.ifPresent(d -> sb.append(", p99.9 ").append(Durations.format(d)));
        return sb.append(", maxDropped ").append(maxDropped).toString();
    }
}
