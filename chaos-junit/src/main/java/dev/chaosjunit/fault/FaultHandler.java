package dev.chaosjunit.fault;

import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Turns one fault annotation into an immutable, validated {@link FaultSpec}. The annotation names its handler with
 * {@link ChaosFault}; the engine owns everything else: finding the annotation, the schedule, dry run, journal, revert
 * on every outcome, the JVM shutdown hook and the per-test lock on the resources named by {@link #sharedResources}.
 *
 * <p>An implementation needs a public no-argument constructor and must be stateless.
 *
 * @param <A> the annotation this handler resolves
 */
public interface FaultHandler<A extends Annotation> {

    /**
     * Turns one annotation into a validated spec. Every check belongs here: the value types (through the parsing
     * methods of {@link ResolveContext}), the target (bound now, not looked up at inject time) and the schedule
     * ({@link ResolveContext#schedule}). Report a bad value with {@link ResolveContext#invalid} so the message names
     * the annotation, the attribute, the value and what would be valid. Must not change anything outside the JVM.
     */
    FaultSpec resolve(A annotation, ResolveContext context);

    /**
     * The identifying attributes shown after the annotation name in messages, for example
     * {@code proxy = "payments"} gives {@code @InjectLatency(proxy = "payments")}. Empty by default.
     */
    default String describe(A annotation) {
        return "";
    }

    /**
     * Keys of the shared resources a test with this annotation changes, for example {@code chaos-junit.proxy.payments}.
     * Tests that share a key never run their faults at the same time under parallel execution. Called without
     * validation, so it must not throw for a bad annotation.
     */
    default Set<String> sharedResources(A annotation) {
        return Set.of();
    }
}
