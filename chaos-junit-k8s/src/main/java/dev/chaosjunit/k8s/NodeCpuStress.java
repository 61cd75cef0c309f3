package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.NodeCpuStressFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Burns CPU on nodes: one short-lived pod per chosen node in the chaos namespace ({@code chaos.k8s.chaosNamespace},
 * which must be allowed), pinned with {@code nodeName}, tolerating every taint, {@code restartPolicy: Never}, running
 * stress-ng with {@code --timeout} and an {@code activeDeadlineSeconds} dead-man switch. Deleted on revert.
 *
 * <pre>{@code @NodeCpuStress(mode = KillMode.ALL, cores = 2, load = 100, duration = "180s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(NodeCpuStress.List.class)
@ChaosFault(NodeCpuStressFault.class)
@ExtendWith(ChaosExtension.class)
public @interface NodeCpuStress {

    /** A label selector for the nodes; {@code ""} = every node. */
    String nodeSelector() default "";

    /** How many of the matching nodes are picked: ONE (default), COUNT, PERCENT or ALL (capped by chaos.k8s.maxNodes). */
    KillMode mode() default KillMode.ONE;

    /** With {@code mode = COUNT}: how many nodes, 1 to 1000. */
    int count() default 1;

    /** With {@code mode = PERCENT}: the share of the matching nodes, 1 to 100. */
    int percent() default 50;

    /** CPU workers per node, 1 to 256. */
    int cores() default 1;

    /** Load per worker in percent, 1 to 100. */
    int load() default 100;

    /** The image of the stress pods; {@code ""} = the default, pinned by digest (see {@code docs/kubernetes.md}). */
    String image() default "";

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; at least 1s; {@code ""} = the chaos window (one is needed: the stress ends by itself at this time). */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link NodeCpuStress}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        NodeCpuStress[] value();
    }
}
