package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.CpuStressFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Burns CPU inside target pods: an ephemeral container running {@code stress-ng --cpu} with its own
 * {@code --timeout}, so it ends by itself. It shares the pod's resources (CPU limits throttle it and the pod).
 *
 * <pre>{@code @CpuStress(namespace = "sock-shop", selector = "name=orders", cores = 1, load = 100, duration = "30s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(CpuStress.List.class)
@ChaosFault(CpuStressFault.class)
@ExtendWith(ChaosExtension.class)
public @interface CpuStress {

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

    /** CPU workers, 1 to 64. */
    int cores() default 1;

    /** Load per worker in percent, 1 to 100. */
    int load() default 100;

    /** The image of the stress container; {@code ""} = the default, pinned by digest (see {@code docs/kubernetes.md}). */
    String image() default "";

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; at least 1s; {@code ""} = the chaos window (one is needed: the stress ends by itself at this time). */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link CpuStress}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        CpuStress[] value();
    }
}
