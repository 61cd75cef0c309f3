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
    /** Requests started (every step of a task, so {@code started - count} is what went into flight this second). */
    long started;
    /** Completed requests whose latency was mostly the driver's own lag ({@link Saturation#driverBound}). */
    long driverBound;
    /** How long the loop waited for I/O or its next send in this second. */
    long waitedNanos;
    AbstractHistogram corrected;
    AbstractHistogram uncorrected;
    AbstractHistogram lag;

    SecondBucket(long second) {
        this.second = second;
    }

    void complete(ErrorKind kind, long correctedNanos, long uncorrectedNanos, long driverLagNanos) {
        count++;
        if (Saturation.driverBound(driverLagNanos, correctedNanos)) {
            driverBound++;
        }
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

    void send(long lagNanos) {
        sends++;
        if (lag == null) {
            lag = new IntCountsHistogram(DIGITS);
        }
        lag.recordValue(micros(lagNanos));
    }

    /** The driver, not the server, may have made this second's numbers (see {@link Saturation}). */
    boolean saturated() {
        return Saturation.tooManyDriverBound(count, driverBound) || loopBusy();
    }

    /** This loop had almost no idle time in this second. */
    boolean loopBusy() {
        return Saturation.loopBusy(waitedNanos, lengthNanos);
    }

    static long micros(long nanos) {
        return Math.max(0, (nanos + 500) / 1000);
    }
}
