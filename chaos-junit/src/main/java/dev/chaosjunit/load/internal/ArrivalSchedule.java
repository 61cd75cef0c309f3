package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.LoadProfile;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Intended send times of an open-model profile, as nanosecond offsets from the start.
 *
 * <p>The cumulative intended arrivals {@code N(t)} is the integral of the rate; the k-th arrival (k = 0, 1, ...) is
 * sent at {@code N^-1(s_k)} where {@code s_k = k} for evenly spaced arrivals and {@code s_k = E_0 + ... + E_k} with
 * {@code E_i ~ Exp(1)} for Poisson arrivals (a unit-rate Poisson process mapped through {@code N^-1} is a Poisson
 * process with the profile's rate, ramps included). Within a stage whose rate goes linearly from {@code a} to
 * {@code b} over {@code d}, {@code N(t) = a t + (b - a) t^2 / (2 d)}, inverted as
 * {@code t = 2n / (a + sqrt(a^2 + 2 (b - a) n / d))}, which stays exact for {@code a = 0} and {@code b < a}.
 *
 * <p>Not thread-safe: each event loop owns one and keeps the arrivals with {@code k % loops == loopIndex}.
 */
public final class ArrivalSchedule {

    /** Returned by {@link #next()} when the profile has no more arrivals. */
    public static final long END = Long.MIN_VALUE;

    private final double[] fromRate;
    private final double[] toRate;
    private final double[] seconds;
    private final double[] arrivals;
    private final long[] startNanos;
    private final SplittableRandom poisson;
    private final int stride;

    private int stage;
    private double stageBase;       // cumulative arrivals before the current stage
    private double s;               // cumulative target of the next arrival
    private boolean first = true;

    public ArrivalSchedule(LoadProfile profile, int loopIndex, int loops) {
        List<LoadProfile.Stage> stages = profile.stages();
        int n = stages.size();
        fromRate = new double[n];
        toRate = new double[n];
        seconds = new double[n];
        arrivals = new double[n];
        startNanos = new long[n];
        long start = 0;
        for (int i = 0; i < n; i++) {
            LoadProfile.Stage st = stages.get(i);
            fromRate[i] = st.fromRate();
            toRate[i] = st.toRate();
            seconds[i] = st.duration().toNanos() / 1e9;
            arrivals[i] = st.arrivals();
            startNanos[i] = start;
            start += st.duration().toNanos();
        }
        poisson = profile.poissonSeed().isPresent() ? new SplittableRandom(profile.poissonSeed().getAsLong()) : null;
        stride = loops;
        // skip to this loop's first arrival
        s = poisson == null ? 0 : exp();
        for (int i = 0; i < loopIndex; i++) {
            s += step();
        }
    }

    /** The next intended offset in nanoseconds, or {@link #END}. */
    public long next() {
        if (!first) {
            for (int i = 0; i < stride; i++) {
                s += step();
            }
        }
        first = false;
        while (stage < arrivals.length && s - stageBase >= arrivals[stage]) {
            stageBase += arrivals[stage];
            stage++;
        }
        if (stage >= arrivals.length) {
            return END;
        }
        double n = s - stageBase;
        double a = fromRate[stage];
        double b = toRate[stage];
        double d = seconds[stage];
        double t = n == 0 ? 0 : 2 * n / (a + Math.sqrt(Math.max(0, a * a + 2 * (b - a) * n / d)));
        return startNanos[stage] + Math.min((long) (t * 1e9), (long) (d * 1e9) - 1);
    }

    /**
     * Drops this loop's arrivals from the one {@link #next()} returned last up to {@code offsetNanos}, in constant
     * time whatever their number: returns how many (at least that one), and the following {@link #next()} returns
     * the first arrival at or after the offset. Evenly spaced arrivals are counted exactly; for Poisson arrivals the
     * count is the expected number, and the process restarts at the offset (it has no memory).
     */
    public long skipBefore(long offsetNanos) {
        double target = arrivalsBefore(offsetNanos);
        double gap = target - s;
        long skipped;
        if (poisson == null) {
            skipped = gap <= 0 ? 1 : Math.max(1, (long) Math.ceil(gap / stride));
            s += (double) skipped * stride;
        } else {
            skipped = Math.max(1, Math.round(gap / stride));
            s = Math.max(s + 1e-9, target) + exp();
        }
        first = true;
        return skipped;
    }

    /** {@code N(t)}: how many arrivals the whole profile (every loop's share) intends before {@code offsetNanos}. */
    private double arrivalsBefore(long offsetNanos) {
        double base = 0;
        for (int i = 0; i < arrivals.length; i++) {
            double stageSeconds = (offsetNanos - startNanos[i]) / 1e9;
            if (stageSeconds < seconds[i]) {
                double t = Math.max(0, stageSeconds);
                return base + fromRate[i] * t + (toRate[i] - fromRate[i]) * t * t / (2 * seconds[i]);
            }
            base += arrivals[i];
        }
        return base;
    }

    private double step() {
        return poisson == null ? 1 : exp();
    }

    private double exp() {
        return -Math.log(1 - poisson.nextDouble());
    }
}
