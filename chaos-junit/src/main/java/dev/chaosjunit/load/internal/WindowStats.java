package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadStats;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link LoadStats} merged from published {@link SecondBucket}s ({@link #of}). Immutable once made: its histograms
 * are never written after.
 *
 * @param coveredNanos how much time the included seconds cover
 * @param sends arrivals sent (tasks started)
 * @param inFlightAtStart requests started before the first second and not completed by then
 * @param started requests started (every step of a task)
 */
record WindowStats(Instant from, Instant to, long coveredNanos, long count, long errors,
                   Map<ErrorKind, Long> errorsByKind, long dropped, long sends, boolean saturated, Histogram corrected,
                   Histogram uncorrected, Histogram lag, long inFlightAtStart, long started) implements LoadStats {

    static WindowStats of(Instant from, Instant to, List<SecondBucket> buckets) {
        return of(from, to, buckets, 0);
    }

    /** {@code inFlightAtStart}: requests sent before the first of {@code buckets} and not completed by then. */
    static WindowStats of(Instant from, Instant to, List<SecondBucket> buckets, long inFlightAtStart) {
        Histogram corrected = new Histogram(SecondBucket.DIGITS);
        Histogram uncorrected = new Histogram(SecondBucket.DIGITS);
        Histogram lag = new Histogram(SecondBucket.DIGITS);
        long c = 0, d = 0, s = 0, started = 0, driverBound = 0;
        long[] e = new long[SecondBucket.KINDS];
        boolean busy = false;
        Map<Long, Long> lengths = new HashMap<>();
        for (SecondBucket b : buckets) {
            c += b.count;
            d += b.dropped;
            s += b.sends;
            started += b.started;
            for (int i = 0; i < e.length; i++) {
                e[i] += b.errors[i];
            }
            driverBound += b.driverBound;
            busy |= b.loopBusy();
            if (b.corrected != null) {
                corrected.add(b.corrected);
                uncorrected.add(b.uncorrected);
            }
            if (b.lag != null) {
                lag.add(b.lag);
            }
            lengths.merge(b.second, b.lengthNanos, Math::max);
        }
        long covered = 0;
        for (long l : lengths.values()) {
            covered += l;
        }
        EnumMap<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
        long errs = 0;
        for (ErrorKind k : ErrorKind.values()) {
            if (e[k.ordinal()] > 0) {
                byKind.put(k, e[k.ordinal()]);
                errs += e[k.ordinal()];
            }
        }
        // judged over the whole window: what matters is whether the driver moved this window's percentiles
        boolean sat = busy || Saturation.tooManyDriverBound(c, driverBound);
        return new WindowStats(from, to, covered, c, errs, Collections.unmodifiableMap(byKind), d, s, sat, corrected,
                uncorrected, lag, inFlightAtStart, started);
    }

    @Override
    public long sent() {
        return started;
    }

    @Override
    public long inFlightAtEnd() {
        return inFlightAtStart + started - count;
    }


    @Override
    public Duration duration() {
        return Duration.ofNanos(coveredNanos);
    }

    @Override
    public long successes() {
        return count - errors;
    }

    @Override
    public double throughput() {
        return coveredNanos == 0 ? 0 : count * 1e9 / coveredNanos;
    }

    @Override
    public double offeredRate() {
        return coveredNanos == 0 ? 0 : (sends + dropped) * 1e9 / coveredNanos;
    }

    @Override
    public double errorRate() {
        return count == 0 ? 0 : (double) errors / count;
    }

    @Override
    public Duration percentile(double percentile) {
        return at(corrected, percentile);
    }

    @Override
    public Duration uncorrectedPercentile(double percentile) {
        return at(uncorrected, percentile);
    }

    @Override
    public Duration scheduleLagPercentile(double percentile) {
        return at(lag, percentile);
    }

    @Override
    public Duration max() {
        return micros(corrected.getTotalCount() == 0 ? 0 : corrected.getMaxValue());
    }

    @Override
    public Duration uncorrectedMax() {
        return micros(uncorrected.getTotalCount() == 0 ? 0 : uncorrected.getMaxValue());
    }

    @Override
    public Duration mean() {
        return Duration.ofNanos(Math.round(corrected.getMean() * 1000));
    }

    @Override
    public Duration uncorrectedMean() {
        return Duration.ofNanos(Math.round(uncorrected.getMean() * 1000));
    }

    private static Duration at(Histogram h, double percentile) {
        if (Double.isNaN(percentile) || percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be within 0..100 (for example 99.9), got "
                    + percentile);
        }
        return h.getTotalCount() == 0 ? Duration.ZERO : micros(h.getValueAtPercentile(percentile));
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1000);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d requests in %.1fs (%.1f/s), errors %d %s, dropped %d, p50 %s p99 %s"
                        + " max %s"
                        + " (uncorrected p99 %s)%s", count, coveredNanos / 1e9, throughput(), errors, errorsByKind,
                dropped, Millis.format(percentile(50)), Millis.format(percentile(99)), Millis.format(max()),
                Millis.format(uncorrectedPercentile(99)), saturated ? ", SATURATED" : "");
    }
}
