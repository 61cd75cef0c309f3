package dev.chaosjunit.prometheus;

/** The {@code resultType} of a Prometheus query answer. */
public enum ResultType {
    /** An instant vector: any number of series, one sample each. */
    VECTOR,
    /** A range vector: any number of series, several samples each (every {@code query_range} answer). */
    MATRIX,
    /** A single number without labels. */
    SCALAR,
    /** A single string. */
    STRING;

    /** The name Prometheus uses ({@code "vector"}, ...). */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
