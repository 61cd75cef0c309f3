package dev.chaosjunit.load.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.load.internal.Millis;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** What {@link LoadCommand} prints after a run: the human summary or one JSON object. */
final class RunReport {

    private static final double[] PERCENTILES = {50, 75, 90, 99, 99.9, 99.99};

    static String json(LoadOptions o, LoadStats s) {
        JsonObject j = new JsonObject();
        j.addProperty("url", o.url);
        j.addProperty("model", o.closed ? "closed" : "open");
        if (o.closed) {
            j.addProperty("users", o.users());
            j.addProperty("think", o.think.toString());
        } else {
            j.addProperty("targetRate", o.rate);
            j.addProperty("connections", o.connections);
        }
        j.addProperty("durationSeconds", s.duration().toNanos() / 1e9);
        j.addProperty("achievedRate", round(s.throughput()));
        j.addProperty("requests", s.count());
        j.addProperty("successes", s.successes());
        j.addProperty("errors", s.errors());
        JsonObject kinds = new JsonObject();
        for (Map.Entry<ErrorKind, Long> e : s.errorsByKind().entrySet()) {
            kinds.addProperty(e.getKey().label(), e.getValue());
        }
        j.add("errorsByKind", kinds);
        j.addProperty("errorRate", s.errorRate());
        j.addProperty("dropped", s.dropped());
        j.addProperty("saturated", s.saturated());
        JsonObject latency = new JsonObject();
        JsonObject corrected = new JsonObject();
        JsonObject uncorrected = new JsonObject();
        for (double p : PERCENTILES) {
            corrected.addProperty(label(p), ms(s.percentile(p)));
            uncorrected.addProperty(label(p), ms(s.uncorrectedPercentile(p)));
        }
        corrected.addProperty("max", ms(s.max()));
        uncorrected.addProperty("max", ms(s.uncorrectedMax()));
        corrected.addProperty("mean", ms(s.mean()));
        uncorrected.addProperty("mean", ms(s.uncorrectedMean()));
        latency.add("corrected", corrected);
        latency.add("uncorrected", uncorrected);
        j.add("latencyMs", latency);
        JsonObject lag = new JsonObject();
        lag.addProperty("p50", ms(s.scheduleLagPercentile(50)));
        lag.addProperty("p99", ms(s.scheduleLagPercentile(99)));
        lag.addProperty("max", ms(s.scheduleLagPercentile(100)));
        j.add("scheduleLagMs", lag);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(j);
    }

    static String summary(LoadOptions o, LoadStats s) {
        StringBuilder sb = new StringBuilder();
        if (o.closed) {
            sb.append(String.format(Locale.ROOT, "chaos-load %s: closed model, %d users, think %s, %s%n", o.url,
                    o.users(), o.think, Durations.format(o.duration)));
        } else {
            sb.append(String.format(Locale.ROOT, "chaos-load %s: open model, target %s req/s, %d connections, %s%n",
                    o.url, fmt(o.rate), o.connections, Durations.format(o.duration)));
        }
        sb.append(String.format(Locale.ROOT, "  requests  %d in %.2fs = %.1f req/s achieved%n", s.count(),
                s.duration().toNanos() / 1e9, s.throughput()));
        sb.append(String.format(Locale.ROOT, "  errors    %d (%.2f%%)", s.errors(), s.errorRate() * 100));
        for (Map.Entry<ErrorKind, Long> e : s.errorsByKind().entrySet()) {
            sb.append(' ').append(e.getKey().label()).append('=').append(e.getValue());
        }
        sb.append(String.format(Locale.ROOT, "%n  dropped   %d%n", s.dropped()));
        sb.append(String.format(Locale.ROOT, "  latency   %12s %12s%n", "corrected", "uncorrected"));
        for (double p : PERCENTILES) {
            sb.append(String.format(Locale.ROOT, "  %-9s %12s %12s%n", label(p), Millis.format(s.percentile(p)),
                    Millis.format(s.uncorrectedPercentile(p))));
        }
        sb.append(String.format(Locale.ROOT, "  %-9s %12s %12s%n", "max", Millis.format(s.max()),
                Millis.format(s.uncorrectedMax())));
        sb.append(String.format(Locale.ROOT, "  %-9s %12s %12s%n", "mean", Millis.format(s.mean()),
                Millis.format(s.uncorrectedMean())));
        sb.append(String.format(Locale.ROOT, "  schedule lag p99 %s%s", Millis.format(s.scheduleLagPercentile(99)),
                s.saturated() ? "  SATURATED: the driver's own lag may have made these numbers, not the server"
                        : ""));
        return sb.toString();
    }

    private static String label(double p) {
        return "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
    }

    private static double ms(Duration d) {
        return round(Millis.of(d));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private RunReport() {
    }
}
