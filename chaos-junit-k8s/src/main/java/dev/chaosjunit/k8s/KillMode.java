package dev.chaosjunit.k8s;

/** How many of the ready pods matching the selector a pod fault picks (seeded, reproducible with {@code chaos.seed}). */
public enum KillMode {
    /** One pod. */
    ONE,
    /** {@code count} pods (all of them if fewer match). */
    COUNT,
    /** {@code percent} percent of them, rounded down, at least one. */
    PERCENT,
    /** Every one (the share cap {@code chaos.k8s.maxShare} must allow it). */
    ALL
}
