package dev.chaosjunit.prometheus;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One time series of a Prometheus answer: its labels and its samples in time order. A scalar answer is one
 * series without labels and with one sample; an instant vector's series have one sample each.
 */
public final class Series {

    private final Map<String, String> labels;
    private final List<Sample> samples;

    /** Creates a series; labels and samples are copied. */
    public Series(Map<String, String> labels, List<Sample> samples) {
        this.labels = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        this.samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    }

    /** The labels, sorted by name; {@code __name__} included when Prometheus returned it. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The samples in time order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The newest sample, if any. */
    public Optional<Sample> last() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
    }

    /** The labels in PromQL notation, for example {@code {status="500",uri="/work"}}. */
    public String labelText() {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series && ((Series) o).labels.equals(labels) && ((Series) o).samples.equals(samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, samples);
    }

    @Override
    public String toString() {
        return labelText() + " " + samples.size() + " sample(s)";
    }
}
