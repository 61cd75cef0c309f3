package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.PartitionFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cuts the pods matching the selector off the network with a deny-all NetworkPolicy (ingress, egress or both),
 * deleted on revert and carrying an expiry for the janitor. Needs a network plugin that enforces NetworkPolicies.
 *
 * <pre>{@code @PartitionPods(namespace = "shop", selector = "name=carts-db", duration = "20s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(PartitionPods.List.class)
@ChaosFault(PartitionFault.class)
@ExtendWith(ChaosExtension.class)
public @interface PartitionPods {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** A label selector for the pods to cut off; every matching pod is affected. */
    String selector();

    /** Which traffic is cut: INGRESS, EGRESS or BOTH (default). */
    dev.chaosjunit.k8s.PartitionDirection direction() default dev.chaosjunit.k8s.PartitionDirection.BOTH;

    /** {@code true} to allow a selector matching more than {@code chaos.k8s.maxSelectorShare} of the namespace. */
    boolean wideSelector() default false;

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; {@code ""} = until the chaos phase ends. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link PartitionPods}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        PartitionPods[] value();
    }
}
