package dev.chaosjunit.k8s.internal.stress;

/**
 * The default images of the ephemeral containers and node pods, pinned by digest. This is the one place they are
 * written; every annotation can override them with its {@code image} attribute.
 */
public final class Images {

    /** stress-ng, published by its author (multi-arch). */
    public static final String STRESS_NG =
            "ghcr.io/colinianking/stress-ng@sha256:040db041445627cef2d1d1109cbf47c5a2727f0f9c65157e365d419699c9d0c5";

    /** A network toolbox with {@code tc} (iproute2). */
    public static final String NETWORK_TOOLS =
            "docker.io/nicolaka/netshoot@sha256:a20c2531bf35436ed3766cd6cfe89d352b050ccc4d7005ce6400adf97503da1b";

    private Images() {
    }
}
