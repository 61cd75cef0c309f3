package dev.chaosjunit.k8s.internal.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The label and annotations that mark everything chaos-junit creates or changes in a cluster, so that a janitor can
 * find and expire leftovers of a crashed run.
 *
 * @param runId the run id (a label value: letters, digits, {@code -}, {@code _}, {@code .}, at most 63)
 * @param expires when a leftover may be removed or rolled back
 */
public record Marks(String runId, Instant expires) {

    /** Label carrying the run id on everything created or changed. */
    public static final String RUN_LABEL = "chaos-junit.dev/run";
    /** Annotation carrying the expiry as an ISO-8601 instant. */
    public static final String EXPIRES = "chaos-junit.dev/expires";
    /** Annotation on a changed Deployment: the revision to roll back to. */
    public static final String ROLLBACK_REVISION = "chaos-junit.dev/rollback-revision";
    /** Annotation on a scaled Deployment: the replica count to restore. */
    public static final String ORIGINAL_REPLICAS = "chaos-junit.dev/original-replicas";

    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    public Marks {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(expires, "expires");
        if (!LABEL_VALUE.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id \"" + runId + "\" is not a valid label value");
        }
    }

    /**
     * The marks encoded in a core fault name {@code chaos-junit.<runId>.<expiresEpochSeconds>.<kind>-<n>}.
     */
    public static Marks fromFaultName(String name, Instant fallbackExpiry) {
        String[] parts = name.split("\\.");
        if (parts.length >= 3 && parts[0].equals("chaos-junit")) {
            try {
                return new Marks(parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                return new Marks(parts[1], fallbackExpiry);
            }
        }
        return new Marks(name.replaceAll("[^-A-Za-z0-9_.]", "-"), fallbackExpiry);
    }

    /** The labels to put on a created object. */
    public Map<String, String> labels() {
        return Map.of(RUN_LABEL, runId);
    }

    /** The annotations to put on a created object. */
    public Map<String, String> annotations() {
        return Map.of(EXPIRES, expires.toString());
    }

    /** Adds the label and the expiry annotation to {@code meta} (in place) and returns it. */
    public ObjectMeta applyTo(ObjectMeta meta) {
        Map<String, String> labels = meta.getLabels() == null ? new HashMap<>() : new HashMap<>(meta.getLabels());
        labels.putAll(labels());
        meta.setLabels(labels);
        Map<String, String> ann = meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
        ann.putAll(annotations());
        meta.setAnnotations(ann);
        return meta;
    }

    /** The expiry written on {@code object}, if it carries one that parses. */
    public static Optional<Instant> expiryOf(HasMetadata object) {
        Map<String, String> ann = object.getMetadata().getAnnotations();
        if (ann == null || ann.get(EXPIRES) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(ann.get(EXPIRES)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
