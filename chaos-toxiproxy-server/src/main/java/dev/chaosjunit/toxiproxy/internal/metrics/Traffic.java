package dev.chaosjunit.toxiproxy.internal.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Bytes received and sent on one direction of one proxy (one label set of Toxiproxy's proxy metrics). */
public final class Traffic {
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();

    /** Bytes read from the side the direction starts at. */
    public void received(long bytes) {
        received.add(bytes);
    }

    /** Bytes written to the side the direction ends at. */
    public void sent(long bytes) {
        sent.add(bytes);
    }

    long receivedTotal() {
        return received.sum();
    }

    long sentTotal() {
        return sent.sum();
    }
}
