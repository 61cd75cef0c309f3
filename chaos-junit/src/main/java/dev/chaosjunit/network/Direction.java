package dev.chaosjunit.network;

/** Which direction of a proxied connection a toxic acts on. */
public enum Direction {
    /** Client to upstream (requests). */
    UPSTREAM,
    /** Upstream to client (responses); Toxiproxy's default. */
    DOWNSTREAM,
    /** Both directions: one toxic per direction. */
    BOTH
}
