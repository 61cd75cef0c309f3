package dev.chaosjunit.prometheus;

/**
 * How the points of a phase window (one per range-query step) become the one value judged against the bounds.
 * {@code NaN} points are left out first (a step without traffic often yields {@code 0/0}); when every point is
 * {@code NaN}, the {@link AwkwardAnswer#NAN} rule decides.
 */
public enum Aggregate {
    /** The largest point: the worst moment for an upper bound (error ratio, latency). The default. */
    MAX,
    /** The smallest point: the worst moment for a lower bound (throughput, success ratio). */
    MIN,
    /** The mean of the points. */
    AVG,
    /** The newest point (for example "is it back to normal at the end of recovery?"). */
    LAST;

    /** Applies the aggregate to values that are not NaN; {@code values} must not be empty. */
    double apply(double[] values) {
        switch (this) {
            case MAX: {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : values) {
                    m = Math.max(m, v);
                }
                return m;
            }
            case MIN: {
                double m = Double.POSITIVE_INFINITY;
                for (double v : values) {
                    m = Math.min(m, v);
                }
                return m;
            }
            case AVG: {
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                return sum / values.length;
            }
            default:
                return values[values.length - 1];
        }
    }

    /** The lower-case name used in messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
