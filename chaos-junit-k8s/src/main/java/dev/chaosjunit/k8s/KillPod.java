package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.KillPodFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Kills pods matching a selector, through the eviction API by default (PodDisruptionBudgets are respected: a refusal
 * is reported as "blocked by a disruption budget"), or with a plain delete. Nothing to revert: the pods' controller
 * replaces them; measure that with {@link RecoveryTime}.
 *
 * <pre>{@code @KillPod(namespace = "sock-shop", selector = "name=front-end", every = "10s", duration = "1s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(KillPod.List.class)
@ChaosFault(KillPodFault.class)
@ExtendWith(ChaosExtension.class)
public @interface KillPod {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** A label selector for the target pods, e.g. {@code "name=front-end"}; set-based terms are evaluated exactly. */
    String selector();

    /** How many of the ready matching pods are picked: ONE (default), COUNT, PERCENT or ALL. */
    KillMode mode() default KillMode.ONE;

    /** With {@code mode = COUNT}: how many pods, 1 to 1000. */
    int count() default 1;

    /** With {@code mode = PERCENT}: the share of the ready matching pods, 1 to 100. */
    int percent() default 50;

    /** {@code true} to allow a selector matching more than {@code chaos.k8s.maxSelectorShare} of the namespace. */
    boolean wideSelector() default false;

    /** Grace period in seconds, 0 to 3600; -1 (default) = the pod's own {@code terminationGracePeriodSeconds}. */
    int gracePeriodSeconds() default -1;

    /** {@code true} for a plain delete instead of an eviction (ignores PodDisruptionBudgets). */
    boolean delete() default false;

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; with {@code every} it sets the repeat rhythm, a kill itself is instant. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link KillPod}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        KillPod[] value();
    }
}
