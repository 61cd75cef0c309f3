package dev.chaosjunit.fault;

import java.util.Map;
import java.util.Set;

/**
 * One resolved, validated fault: what it is, what it targets, when it runs, and how it is started.
 *
 * <p>Implementations are immutable. {@link #inject} may be called several times per test (a schedule with
 * {@code every}); each call returns its own {@link ActiveFault}, which the core reverts exactly once.
 */
public interface FaultSpec {

    /** A short kind, such as {@code latency} or {@code pod-kill}; used in names, logs and the journal. */
    String kind();

    /** What the fault acts on, such as {@code payments} (a proxy name) or {@code deployment/carts}. */
    String target();

    /** When the fault runs, relative to the start of the chaos phase. */
    Schedule schedule();

    /** The resolved attribute values, written to the journal and logged by a dry run. */
    Map<String, Object> attributes();

    /**
     * Keys that at most one fault may hold at a time in one test, for example
     * {@code latency toxic on proxy "payments" (downstream)}. Two specs sharing a key with overlapping schedules are
     * rejected at resolve time. Empty by default.
     */
    default Set<String> exclusiveKeys() {
        return Set.of();
    }

    /**
     * Starts the fault now. Throwing means the fault did not start (the test fails and everything else is reverted).
     *
     * @param runtime names, randomness and the test's context for this injection
     * @return a handle whose {@link ActiveFault#revert()} undoes exactly this injection
     */
    ActiveFault inject(FaultRuntime runtime) throws Exception;
}
