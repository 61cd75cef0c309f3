package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;

/**
 * What one event loop records: the current second's {@link SecondBucket}, handed to the {@link Timeline} when the
 * second is over, and the user's Micrometer meters if any. Loop-confined.
 */
final class LoopRecorder {

    static final long SECOND = 1_000_000_000L;

    private final Timeline timeline;
    private final int index;
    private final long start;
    private final MicrometerBinding micrometer;
    private SecondBucket bucket = new SecondBucket(0);

    LoopRecorder(Timeline timeline, int index, MicrometerBinding micrometer) {
        this.timeline = timeline;
        this.index = index;
        this.start = timeline.startNanos();
        this.micrometer = micrometer;
    }

    /** Publishes every second that is over at {@code now}. */
    void rotate(long now) {
        long second = (now - start) / SECOND;
        while (second > bucket.second) {
            timeline.publish(index, bucket);
            bucket = new SecondBucket(bucket.second + 1);
        }
    }

    /** When the current second ends. */
    long secondEnd() {
        return start + (bucket.second + 1) * SECOND;
    }

    /** A send {@code lagNanos} after its intended time. */
    void sent(long lagNanos) {
        bucket.send(lagNanos);
    }

    /** A request (one step of a task) started; it counts as completed once it ends, whatever way. */
    void started() {
        bucket.started++;
    }

    /** The loop waited {@code nanos} for I/O or its next send. */
    void waited(long nanos) {
        bucket.waitedNanos += nanos;
    }

    /**
     * A completed request; {@code kind} is {@code null} for a success; {@code driverLagNanos}: how late the driver
     * itself sent it.
     */
    void completed(ErrorKind kind, long correctedNanos, long uncorrectedNanos, long driverLagNanos) {
        bucket.complete(kind, correctedNanos, uncorrectedNanos, driverLagNanos);
        if (micrometer != null) {
            micrometer.completed(kind, correctedNanos, uncorrectedNanos);
        }
    }

    /** {@code n} arrivals that were never sent. */
    void dropped(long n) {
        bucket.dropped += n;
        if (micrometer != null) {
            micrometer.dropped(n);
        }
    }

    /** Publishes the last, possibly partial, second. */
    void finish(long now) {
        bucket.lengthNanos = Math.max(1, Math.min(SECOND, now - (start + bucket.second * SECOND)));
        timeline.publish(index, bucket);
    }
}
