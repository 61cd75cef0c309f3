package dev.chaosjunit.prometheus.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.chaosjunit.prometheus.QueryResult;
import dev.chaosjunit.prometheus.ResultType;
import dev.chaosjunit.prometheus.Sample;
import dev.chaosjunit.prometheus.Series;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON envelope of Prometheus' HTTP API with gson into typed results. */
public final class ResponseParser {

    /** An answer that is not Prometheus API JSON, or a well-formed error envelope. */
    public static final class Envelope {
        public final String status;
        public final String errorType;
        public final String error;
        public final JsonObject root;

        Envelope(String status, String errorType, String error, JsonObject root) {
            this.status = status;
            this.errorType = errorType;
            this.error = error;
            this.root = root;
        }
    }

    private ResponseParser() {
    }

    /**
     * Parses the envelope ({@code status}, {@code errorType}, {@code error}); returns {@code null} when the body is
     * not a JSON object with a {@code status} field.
     */
    public static Envelope envelope(String body) {
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (!parsed.isJsonObject()) {
                return null;
            }
            JsonObject root = parsed.getAsJsonObject();
            if (!root.has("status") || !root.get("status").isJsonPrimitive()) {
                return null;
            }
            return new Envelope(root.get("status").getAsString(), text(root, "errorType"), text(root, "error"), root);
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    /** Reads the {@code data} of a successful envelope. */
    public static QueryResult result(JsonObject root) {
        JsonObject data = root.getAsJsonObject("data");
        if (data == null || !data.has("resultType") || !data.has("result")) {
            throw new IllegalStateException("the answer has no data.resultType/data.result");
        }
        String typeName = data.get("resultType").getAsString();
        List<String> warnings = new ArrayList<>();
        if (root.has("warnings") && root.get("warnings").isJsonArray()) {
            for (JsonElement w : root.getAsJsonArray("warnings")) {
                warnings.add(w.getAsString());
            }
        }
        JsonElement result = data.get("result");
        switch (typeName) {
            case "vector": {
                List<Series> series = new ArrayList<>();
                for (JsonElement e : result.getAsJsonArray()) {
                    JsonObject s = e.getAsJsonObject();
                    series.add(new Series(labels(s), List.of(sample(point(s, "value")))));
                }
                return new QueryResult(ResultType.VECTOR, series, null, warnings);
            }
            case "matrix": {
                List<Series> series = new ArrayList<>();
                for (JsonElement e : result.getAsJsonArray()) {
                    JsonObject s = e.getAsJsonObject();
                    if (!s.has("values")) {
                        throw new IllegalStateException("series " + labels(s) + " has no \"values\" (native "
                                + "histograms are not supported; query a float series such as histogram_quantile)");
                    }
                    List<Sample> samples = new ArrayList<>();
                    for (JsonElement p : s.getAsJsonArray("values")) {
                        samples.add(sample(p.getAsJsonArray()));
                    }
                    series.add(new Series(labels(s), samples));
                }
                return new QueryResult(ResultType.MATRIX, series, null, warnings);
            }
            case "scalar":
                return new QueryResult(ResultType.SCALAR,
                        List.of(new Series(Map.of(), List.of(sample(result.getAsJsonArray())))), null, warnings);
            case "string":
                return new QueryResult(ResultType.STRING, List.of(), result.getAsJsonArray().get(1).getAsString(),
                        warnings);
            default:
                throw new IllegalStateException("unknown resultType \"" + typeName + "\"");
        }
    }

    /**
     * Parses a Prometheus sample value: a decimal number, or {@code NaN}, {@code +Inf}, {@code -Inf}, {@code Inf}.
     */
    public static double value(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("\"" + text + "\" is not a sample value (expected a number, "
                            + "NaN, +Inf or -Inf)");
                }
        }
    }

    /** Converts Prometheus' fractional Unix seconds to an instant. */
    public static Instant timestamp(JsonElement seconds) {
        BigDecimal s = seconds.getAsBigDecimal();
        long whole = s.longValue();
        long nanos = s.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static JsonArray point(JsonObject series, String field) {
        if (!series.has(field)) {
            throw new IllegalStateException("series " + labels(series) + " has no \"" + field + "\" (native "
                    + "histograms are not supported; query a float series such as histogram_quantile)");
        }
        return series.getAsJsonArray(field);
    }

    private static Sample sample(JsonArray pair) {
        return new Sample(timestamp(pair.get(0)), value(pair.get(1).getAsString()));
    }

    private static Map<String, String> labels(JsonObject series) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonObject metric = series.getAsJsonObject("metric");
        if (metric != null) {
            for (Map.Entry<String, JsonElement> e : metric.entrySet()) {
                labels.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return labels;
    }

    private static String text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** Shortens a response body for an error message. */
    public static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }
}
