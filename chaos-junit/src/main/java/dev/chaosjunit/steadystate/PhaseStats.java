package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The load statistics of one experiment phase: a {@link LoadStats} that knows which phase and load it belongs to,
 * and how the other phases went, so that assertion failures can show the numbers of every phase side by side.
 */
public final class PhaseStats implements LoadStats {

    private final String load;
    private final Phase phase;
    private final LoadStats stats;
    private final Supplier<String> phaseTable;

    /**
     * @param load the steady state's name
     * @param phase the phase these statistics cover
     * @param stats the window's statistics
     * @param phaseTable a table of every phase known so far, for messages
     */
    public PhaseStats(String load, Phase phase, LoadStats stats, Supplier<String> phaseTable) {
        this.load = Objects.requireNonNull(load, "load");
        this.phase = Objects.requireNonNull(phase, "phase");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.phaseTable = Objects.requireNonNull(phaseTable, "phaseTable");
    }

    /** The steady state's name. */
    public String load() {
        return load;
    }

    public Phase phase() {
        return phase;
    }

    /** Every phase known so far, one line each (count, throughput, error rate, p50/p99, dropped). */
    public String phaseTable() {
        return phaseTable.get();
    }

    /** One line: {@code 1500 requests, 50.0/s, errors 0.00%, p50 1.20ms, p99 3.40ms, dropped 0}. */
    public String summary() {
        return line(stats);
    }

    /** The line {@link #summary()} and {@link #phaseTable()} use for one window. */
    public static String line(LoadStats s) {
        return String.format(Locale.ROOT, "%d requests, %.1f/s, errors %s%s, p50 %s, p99 %s, max %s, dropped %d%s%s",
                s.count(), s.throughput(), LoadTolerances.percent(s.errorRate()),
                s.errorsByKind().isEmpty() ? "" : " " + kinds(s.errorsByKind()),
                LoadTolerances.millis(s.percentile(50)), LoadTolerances.millis(s.percentile(99)),
                LoadTolerances.millis(s.max()), s.dropped(),
                s.inFlightAtEnd() > 0 ? ", in flight at end " + s.inFlightAtEnd() : "",
                s.saturated() ? ", driver SATURATED" : "");
    }

    private static String kinds(Map<ErrorKind, Long> byKind) {
        StringBuilder sb = new StringBuilder("(");
        byKind.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k.label()).append(' ').append(v);
        });
        return sb.append(')').toString();
    }

    @Override public Instant from() { return stats.from(); }
    @Override public Instant to() { return stats.to(); }
    @Override public Duration duration() { return stats.duration(); }
    @Override public long count() { return stats.count(); }
    @Override public long successes() { return stats.successes(); }
    @Override public long errors() { return stats.errors(); }
    @Override public Map<ErrorKind, Long> errorsByKind() { return stats.errorsByKind(); }
    @Override public long dropped() { return stats.dropped(); }
    @Override public double throughput() { return stats.throughput(); }
    @Override public double offeredRate() { return stats.offeredRate(); }
    @Override public double errorRate() { return stats.errorRate(); }
    @Override public Duration percentile(double percentile) { return stats.percentile(percentile); }
    @Override public Duration uncorrectedPercentile(double p) { return stats.uncorrectedPercentile(p); }
    @Override public Duration scheduleLagPercentile(double p) { return stats.scheduleLagPercentile(p); }
    @Override public Duration max() { return stats.max(); }
    @Override public Duration uncorrectedMax() { return stats.uncorrectedMax(); }
    @Override public Duration mean() { return stats.mean(); }
    @Override public Duration uncorrectedMean() { return stats.uncorrectedMean(); }
    @Override public boolean saturated() { return stats.saturated(); }
    @Override public long sent() { return stats.sent(); }
    @Override public long inFlightAtStart() { return stats.inFlightAtStart(); }
    @Override public long inFlightAtEnd() { return stats.inFlightAtEnd(); }

    @Override
    public String toString() {
        return load + " " + phase.label() + ": " + summary();
    }
}
