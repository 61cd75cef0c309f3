package dev.chaosjunit.prometheus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful Prometheus answer, typed: {@link #type()} tells how to read {@link #series()}. Scalars come back
 * as one unlabelled series with one sample, strings through {@link #string()}.
 */
public final class QueryResult {

    private final ResultType type;
    private final List<Series> series;
    private final String string;
    private final List<String> warnings;

    /**
     * Creates a result.
     *
     * @param type the result type
     * @param series the series (empty for a string result)
     * @param string the value of a string result, otherwise {@code null}
     * @param warnings warnings Prometheus attached to the answer
     */
    public QueryResult(ResultType type, List<Series> series, String string, List<String> warnings) {
        this.type = Objects.requireNonNull(type, "type");
        this.series = List.copyOf(series);
        this.string = string;
        this.warnings = List.copyOf(warnings);
    }

    /** The result type Prometheus reported. */
    public ResultType type() {
        return type;
    }

    /** The series of a vector, matrix or scalar answer; empty when nothing matched. */
    public List<Series> series() {
        return series;
    }

    /** The value of a {@link ResultType#STRING} answer. */
    public Optional<String> string() {
        return Optional.ofNullable(string);
    }

    /** Warnings Prometheus attached to the answer (for example about partial data); usually empty. */
    public List<String> warnings() {
        return warnings;
    }

    /** True when a vector or matrix answer holds no series. */
    public boolean isEmpty() {
        return series.isEmpty() && string == null;
    }

    @Override
    public String toString() {
        return type.apiName() + (string != null ? " \"" + string + "\"" : " " + series);
    }
}
