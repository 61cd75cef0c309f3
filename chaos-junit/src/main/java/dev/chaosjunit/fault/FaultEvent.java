package dev.chaosjunit.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of an experiment's fault timeline.
 *
 * @param fault the fault's index in the experiment's resolved list (journal {@code faults[]})
 * @param description e.g. {@code latency on payments}
 * @param occurrence 1 for the first injection, 2 for the first repeat, ...
 * @param action what happened
 * @param at when
 * @param offset time since the start of the chaos phase
 * @param detail extra information (the error of a failed injection, "cut short", "dry run"...), or empty
 */
public record FaultEvent(int fault, String description, int occurrence, Action action, Instant at, Duration offset,
        String detail) {

    /** What happened to a fault. */
    public enum Action {
        /** The fault started. */
        INJECTED,
        /** The fault was undone. */
        REVERTED,
        /** Starting the fault failed. */
        INJECT_FAILED,
        /** Undoing the fault failed; the error is in {@code detail}. */
        REVERT_FAILED,
        /** Dry run: the fault would have started now. */
        WOULD_INJECT,
        /** The fault never started: the chaos phase ended (or was halted) before it was due. */
        SKIPPED
    }
}
