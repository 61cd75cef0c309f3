package dev.chaosjunit.samples.rollout.service2;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The versions of service2 a rollout experiment rolls out, one per question of the experiment: is rolling the same
 * version harmless ({@link #V1}), a new and fine one ({@link #V2}), one whose readiness fails ({@link #V3}: Kubernetes
 * must keep it out of the Service), one that is ready but slow ({@link #V4}: users are hurt). Selected by the
 * {@code SERVICE2_VERSION} environment variable, which each image tag sets.
 */
public enum Service2Version {
    /** The version already running. */
    V1("1", true, false),
    /** A new version that behaves. */
    V2("2", true, false),
    /** A new version whose readiness endpoint answers 503 (it never becomes ready). */
    V3("3", false, false),
    /** A new version that is ready but answers every count request after a delay ({@code SERVICE2_SLOW_DELAY}). */
    V4("4", true, true);

    private final String number;
    private final boolean ready;
    private final boolean slow;

    Service2Version(String number, boolean ready, boolean slow) {
        this.number = number;
        this.ready = ready;
        this.slow = slow;
    }

    /** The version number reported in answers ({@code "1"}..{@code "4"}). */
    public String number() {
        return number;
    }

    /** Whether {@code /health} reports ready. */
    public boolean ready() {
        return ready;
    }

    /** Whether count requests are delayed. */
    public boolean slow() {
        return slow;
    }

    /** {@code v1}..{@code v4} (case-insensitive, the {@code v} optional), with an error listing the valid values. */
    public static Service2Version parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Service2Version v : values()) {
            if (t.equals("v" + v.number) || t.equals(v.number)) {
                return v;
            }
        }
        throw new IllegalArgumentException("SERVICE2_VERSION=" + text + " is not a version of service2: expected one of "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (v1 same, v2 new, v3 unhealthy, v4 slow)");
    }
}
