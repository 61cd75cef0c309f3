package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.PodNetworkFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Corrupts a share of the packets leaving the target pods.
 *
 * <p>An ephemeral container with {@code NET_ADMIN} runs {@code tc qdisc ... netem} on the pod's interface and removes
 * the rule itself when its timer ends or when it is signalled. The namespace's Pod Security level must allow added
 * capabilities (privileged); pods on the host network are refused.
 *
 * <pre>{@code @PodNetworkCorruption(namespace = "shop", selector = "name=catalogue", corruptPercent = 5, duration = "30s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(PodNetworkCorruption.List.class)
@ChaosFault(PodNetworkFault.class)
@ExtendWith(ChaosExtension.class)
public @interface PodNetworkCorruption {

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

    /** The share of packets corrupted, in percent, above 0 and at most 100. */
    double corruptPercent();

    /** The interface inside the pod, e.g. {@code "eth0"} (default). */
    String device() default "eth0";

    /** The image of the netem container (it needs {@code tc}); {@code ""} = the default, pinned by digest (see {@code docs/kubernetes.md}). */
    String image() default "";

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; at least 1s; {@code ""} = the chaos window (one is needed: the rule removes itself at this time). */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link PodNetworkCorruption}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        PodNetworkCorruption[] value();
    }
}
