package dev.chaosjunit.assertions;

import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.steadystate.PhaseStats;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.AbstractDurationAssert;
import org.assertj.core.api.AbstractLongAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on a window of load. Navigation methods ({@link #errorRate()}, {@link #percentile(double)},
 * ...) switch to a plain AssertJ assert on that number whose description names the window and shows its numbers.
 */
public class LoadStatsAssert extends AbstractAssert<LoadStatsAssert, LoadStats> {

    protected LoadStatsAssert(LoadStats actual) {
        super(actual, LoadStatsAssert.class);
    }

    /** The error rate (errors / completed requests, 0..1). */
    public AbstractDoubleAssert<?> errorRate() {
        isNotNull();
        return Assertions.assertThat(actual.errorRate()).as(describe("error rate"));
    }

    /** The completed requests per second. */
    public AbstractDoubleAssert<?> throughput() {
        isNotNull();
        return Assertions.assertThat(actual.throughput()).as(describe("throughput (requests/s)"));
    }

    /** The corrected latency at {@code percentile} (0..100, such as 99 or 99.9). */
    public AbstractDurationAssert<?> percentile(double percentile) {
        isNotNull();
        return Assertions.assertThat(actual.percentile(percentile))
                .as(describe("p" + trim(percentile) + " latency"));
    }

    /** The uncorrected latency (service time) at {@code percentile}. */
    public AbstractDurationAssert<?> uncorrectedPercentile(double percentile) {
        isNotNull();
        return Assertions.assertThat(actual.uncorrectedPercentile(percentile))
                .as(describe("uncorrected p" + trim(percentile) + " latency"));
    }

    /** The requests dropped because every connection stayed busy. */
    public AbstractLongAssert<?> dropped() {
        isNotNull();
        return Assertions.assertThat(actual.dropped()).as(describe("dropped requests"));
    }

    /** The completed requests. */
    public AbstractLongAssert<?> count() {
        isNotNull();
        return Assertions.assertThat(actual.count()).as(describe("completed requests"));
    }

    /** Verifies that no request failed. */
    public LoadStatsAssert hasNoErrors() {
        isNotNull();
        if (actual.errors() != 0) {
            failWithMessage("Expecting no errors in %s but %d of %d requests failed: %s%n%s", window(), actual.errors(),
                    actual.count(), actual.errorsByKind(), table());
        }
        return this;
    }

    /** Verifies that no request was dropped. */
    public LoadStatsAssert hasNoDrops() {
        isNotNull();
        if (actual.dropped() != 0) {
            failWithMessage("Expecting no dropped requests in %s but %d were dropped%n%s", window(), actual.dropped(),
                    table());
        }
        return this;
    }

    /** Verifies the error rate is below {@code max} (0..1). */
    public LoadStatsAssert hasErrorRateBelow(double max) {
        isNotNull();
        if (!(actual.errorRate() < max)) {
            failWithMessage("Expecting error rate in %s below %s but was %s%n%s", window(), pct(max),
                    pct(actual.errorRate()), table());
        }
        return this;
    }

    /** Verifies the corrected latency at {@code percentile} is below {@code max}. */
    public LoadStatsAssert hasPercentileBelow(double percentile, Duration max) {
        isNotNull();
        Duration at = actual.percentile(percentile);
        if (at.compareTo(max) >= 0) {
            failWithMessage("Expecting p%s latency in %s below %sms but was %sms%n%s", trim(percentile), window(),
                    ms(max), ms(at), table());
        }
        return this;
    }

    /** Verifies at least {@code min} requests per second completed. */
    public LoadStatsAssert hasThroughputAtLeast(double min) {
        isNotNull();
        if (actual.throughput() < min) {
            failWithMessage("Expecting throughput in %s of at least %.1f/s but was %.1f/s%n%s", window(), min,
                    actual.throughput(), table());
        }
        return this;
    }

    private String describe(String what) {
        return what + " of " + window() + System.lineSeparator() + table();
    }

    private String window() {
        if (actual instanceof PhaseStats) {
            PhaseStats ps = (PhaseStats) actual;
            return "load \"" + ps.load() + "\" " + ps.phase().label() + " chaos";
        }
        return "load window [" + actual.from() + ", " + actual.to() + ")";
    }

    private String table() {
        if (actual instanceof PhaseStats) {
            String t = ((PhaseStats) actual).phaseTable();
            if (!t.isEmpty()) {
                return "phases:" + System.lineSeparator() + t;
            }
        }
        return "window: " + PhaseStats.line(actual);
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
}
