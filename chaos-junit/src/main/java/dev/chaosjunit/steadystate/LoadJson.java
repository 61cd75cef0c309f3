package dev.chaosjunit.steadystate;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The JSON a load check leaves behind: its per-second timeline for the journal, the numbers behind a verdict. */
final class LoadJson {

    /** A second shorter than this is the run's last, cut-short one; drawn, it would show a false drop. */
    private static final Duration WHOLE_SECOND = Duration.ofMillis(900);

    private LoadJson() {
    }

    /** The journal data of {@code spec}'s run: {@code {"load", "target", "model", "seconds": [...]}}. */
    static String timeline(SteadyStateSpec spec, List<LoadStats> seconds) {
        JsonObject data = new JsonObject();
        data.addProperty("load", spec.name());
        data.addProperty("target", spec.loadDescription());
        data.addProperty("model", spec.modelDescription());
        JsonArray array = new JsonArray();
        for (LoadStats s : seconds) {
            if (s.duration().compareTo(WHOLE_SECOND) < 0) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("t", s.from().toEpochMilli());
            o.addProperty("count", s.count());
            o.addProperty("errors", s.errors());
            o.addProperty("dropped", s.dropped());
            o.addProperty("p50Ms", round(s.percentile(50)));
            o.addProperty("p99Ms", round(s.percentile(99)));
            o.addProperty("maxMs", round(s.max()));
            array.add(o);
        }
        data.add("seconds", array);
        return data.toString();
    }

    /** The details of a verdict on {@code stats}: its numbers, the problems and, after recovery, its time. */
    static String verdictDetails(String load, LoadStats stats, List<String> problems, List<String> warnings,
                                 Optional<Duration> recovery) {
        JsonObject json = new JsonObject();
        json.addProperty("load", load);
        json.addProperty("requests", stats.count());
        json.addProperty("errors", stats.errors());
        json.addProperty("errorRate", stats.errorRate());
        json.addProperty("dropped", stats.dropped());
        json.addProperty("throughput", stats.throughput());
        json.addProperty("p50Ms", stats.percentile(50).toNanos() / 1e6);
        json.addProperty("p99Ms", stats.percentile(99).toNanos() / 1e6);
        json.addProperty("p999Ms", stats.percentile(99.9).toNanos() / 1e6);
        json.addProperty("maxMs", stats.max().toNanos() / 1e6);
        json.addProperty("uncorrectedP99Ms", stats.uncorrectedPercentile(99).toNanos() / 1e6);
        json.addProperty("saturated", stats.saturated());
        json.addProperty("sent", stats.sent());
        json.addProperty("inFlightAtStart", stats.inFlightAtStart());
        json.addProperty("inFlightAtEnd", stats.inFlightAtEnd());
        JsonObject kinds = new JsonObject();
        stats.errorsByKind().forEach((k, v) -> kinds.addProperty(k.label(), v));
        json.add("errorsByKind", kinds);
        JsonArray p = new JsonArray();
        problems.forEach(p::add);
        json.add("problems", p);
        JsonArray w = new JsonArray();
        warnings.forEach(w::add);
        json.add("warnings", w);
        recovery.ifPresent(r -> json.addProperty("recoveryMs", r.toMillis()));
        return json.toString();
    }

    private static double round(Duration d) {
        return Math.round(d.toNanos() / 1e4) / 100.0;
    }
}
