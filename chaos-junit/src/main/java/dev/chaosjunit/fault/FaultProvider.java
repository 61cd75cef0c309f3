package dev.chaosjunit.fault;

import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Plugs a fault type into chaos-junit: maps one annotation to an immutable, validated {@link FaultSpec}.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.chaosjunit.fault.FaultProvider}. The core finds the annotation (direct, on the class,
 * inherited, repeated or used as a meta-annotation), calls {@link #resolve} for every occurrence before any fault
 * starts, and then owns everything else: schedule, dry run, journal, revert on every outcome, the JVM shutdown hook
 * and the per-test lock on the resources named by {@link #sharedResources}.
 *
 * <p>An implementation needs a public no-argument constructor and must be stateless.
 *
 * @param <A> the annotation this provider handles; if it is repeatable, the container is handled too
 */
public interface FaultProvider<A extends Annotation> {

    /** The annotation type this provider resolves. */
    Class<A> annotationType();

    /**
     * Turns one annotation into a validated spec. Every check belongs here: the value types, the references to
     * targets, the schedule (through {@link ResolveContext#schedule}). Report a bad value with
     * {@link ResolveContext#invalid} so that the message names the annotation, the attribute, the value and what
     * would be valid. Must not change anything outside the JVM.
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
