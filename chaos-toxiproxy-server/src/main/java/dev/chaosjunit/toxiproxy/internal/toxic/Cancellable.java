package dev.chaosjunit.toxiproxy.internal.toxic;

/** A scheduled task that can be called off. */
public interface Cancellable {
    void cancel();
}
