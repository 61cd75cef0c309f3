package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What one event loop saw during one second of the run: completed requests, errors by kind, drops, and latency
 * histograms in microseconds (corrected from the intended send time, uncorrected from the actual send, schedule
 * lag). Written by its loop only; handed to the {@link Timeline} when the second is over and never changed after.
 */
final class SecondBucket {

    static final int DIGITS = 2;
    static final int KINDS = ErrorKind.values().length;

    final long second;
    long lengthNanos = 1_000_000_000L;
    long count;
    final long[] errors = new long[KINDS];
    long dropped;
    long sends;
    long lateSends;
    AbstractHistogram corrected;
    AbstractHistogram uncorrected;
    AbstractHistogram lag;

    SecondBucket(long second) {
        this.second = second;
    }

    void complete(ErrorKind kind, long correctedNanos, long uncorrectedNanos) {
        count++;
        if (kind != null) {
            errors[kind.ordinal()]++;
        }
        if (corrected == null) {
            corrected = new IntCountsHistogram(DIGITS);
            uncorrected = new IntCountsHistogram(DIGITS);
        }
        corrected.recordValue(micros(correctedNanos));
        uncorrected.recordValue(micros(uncorrectedNanos));
    }

    void send(long lagNanos, boolean late) {
        sends++;
        if (late) {
            lateSends++;
        }
        if (lag == null) {
            lag = new IntCountsHistogram(DIGITS);
        }
        lag.recordValue(micros(lagNanos));
    }

    /** The driver could not keep its schedule: over 1% of this second's sends were late while a connection was free. */
    boolean saturated() {
        return lateSends > 0 && lateSends * 100 > sends;
    }

    static long micros(long nanos) {
        return Math.max(0, (nanos + 500) / 1000);
    }
}
