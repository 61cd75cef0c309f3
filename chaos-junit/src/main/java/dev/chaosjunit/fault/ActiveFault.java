package dev.chaosjunit.fault;

/**
 * A started fault. The core calls {@link #revert()} once on every outcome (and from the JVM shutdown hook if the JVM
 * ends first); implementations must still be idempotent and must treat "already gone" (a deleted toxic, a restarted
 * server, a pod that was replaced) as success.
 */
@FunctionalInterface
public interface ActiveFault {

    /** Undoes the injection. */
    void revert() throws Exception;
}
