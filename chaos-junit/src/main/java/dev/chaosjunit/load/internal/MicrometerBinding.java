package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Meters of a run in a user's registry: {@code chaos.load.requests} (tag {@code outcome}: {@code ok} or an error
 * kind), {@code chaos.load.dropped}, and timers {@code chaos.load.latency} (corrected) and
 * {@code chaos.load.service.time} (uncorrected), all tagged {@code load=<scenario name>}. Percentile histograms only
 * when asked for.
 */
public final class MicrometerBinding {

    private final Counter ok;
    private final Counter[] errors;
    private final Counter dropped;
    private final Timer latency;
    private final Timer serviceTime;

    public MicrometerBinding(MeterRegistry registry, String load, boolean histograms) {
        ok = Counter.builder("chaos.load.requests").tag("load", load).tag("outcome", "ok")
                .description("completed load-driver requests").register(registry);
        errors = new Counter[ErrorKind.values().length];
        for (ErrorKind k : ErrorKind.values()) {
            errors[k.ordinal()] = Counter.builder("chaos.load.requests").tag("load", load).tag("outcome", k.label())
                    .description("completed load-driver requests").register(registry);
        }
        dropped = Counter.builder("chaos.load.dropped").tag("load", load)
                .description("arrivals dropped because no connection was free in time").register(registry);
        latency = Timer.builder("chaos.load.latency").tag("load", load)
                .description("latency from the intended send time (coordinated-omission corrected)")
                .publishPercentileHistogram(histograms).register(registry);
        serviceTime = Timer.builder("chaos.load.service.time").tag("load", load)
                .description("latency from the actual send time").publishPercentileHistogram(histograms)
                .register(registry);
    }

    void completed(ErrorKind kind, long correctedNanos, long uncorrectedNanos) {
        (kind == null ? ok : errors[kind.ordinal()]).increment();
        latency.record(correctedNanos, TimeUnit.NANOSECONDS);
        serviceTime.record(uncorrectedNanos, TimeUnit.NANOSECONDS);
    }

    void dropped(long n) {
        dropped.increment(n);
    }
}
