package dev.chaosjunit.benchmarks.prometheus;

import dev.chaosjunit.prometheus.PrometheusCheckEvaluator;
import dev.chaosjunit.prometheus.PrometheusCheckSpec;
import dev.chaosjunit.prometheus.PrometheusClient;
import dev.chaosjunit.prometheus.PrometheusVerdict;
import dev.chaosjunit.check.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * How long one Prometheus check costs, end to end through {@link PrometheusClient} and
 * {@link PrometheusCheckEvaluator}: the figure that decides how often a halt-condition watcher can poll.
 *
 * <p>Usage: {@code java ... PrometheusQueryLatency http://127.0.0.1:9090 [iterations]} against a Prometheus that
 * scrapes itself every second (so {@code prometheus_http_requests_total} exists). Prints percentiles in
 * microseconds for an instant query, an instant evaluation, and range evaluations over 1-minute and 10-minute
 * windows.
 */
public final class PrometheusQueryLatency {

    private static final String QUERY = "sum(rate(prometheus_http_requests_total[10s]))";

    private PrometheusQueryLatency() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PrometheusQueryLatency <prometheus-url> [iterations]");
            System.exit(2);
        }
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        PrometheusClient client = PrometheusClient.builder(args[0]).build();
        PrometheusCheckEvaluator evaluator = new PrometheusCheckEvaluator(client, Duration.ZERO, Clock.systemUTC());
        PrometheusCheckSpec spec = PrometheusCheckSpec.builder(QUERY).name("api rate").min(0).build();
        PrometheusCheckSpec spec1s = spec.toBuilder().step(Duration.ofSeconds(1)).build();

        System.out.printf("Prometheus %s, %d iterations each (after %d warm-up), latency in microseconds%n",
                args[0], iterations, iterations / 4);
        measure("client.query (instant)", iterations, () -> client.query(QUERY));
        measure("evaluateNow (instant verdict)", iterations, () -> evaluator.evaluateNow(spec, Phase.DURING));
        measure("evaluate 1m window, step 1s", iterations, () -> {
            Instant to = Instant.now();
            return evaluator.evaluate(spec1s, Phase.DURING, to.minusSeconds(60), to);
        });
        measure("evaluate 10m window, auto step 6s", iterations, () -> {
            Instant to = Instant.now();
            return evaluator.evaluate(spec, Phase.DURING, to.minusSeconds(600), to);
        });
    }

    private static void measure(String name, int iterations, Supplier<Object> call) {
        for (int i = 0; i < iterations / 4; i++) {
            check(call.get());
        }
        Histogram h = new Histogram(3);
        long started = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            check(call.get());
            h.recordValue((System.nanoTime() - t0) / 1000);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-48s p50 %6d  p90 %6d  p99 %6d  max %6d  (%.0f calls/s on one thread)%n", name,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue(),
                iterations / seconds);
    }

    private static void check(Object result) {
        if (result instanceof PrometheusVerdict && !((PrometheusVerdict) result).passed()) {
            throw new IllegalStateException("unexpected verdict: " + result);
        }
    }
}
