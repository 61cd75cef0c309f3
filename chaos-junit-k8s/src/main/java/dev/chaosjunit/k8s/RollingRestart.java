package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.RollingRestartFault;
import dev.chaosjunit.k8s.internal.handler.RolloutCheckHandler;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restarts every pod of a Deployment, like {@code kubectl rollout restart} (a new template annotation), and watches
 * the rollout; the verdict says whether it did what {@link #expect()} says. Nothing to revert.
 *
 * <pre>{@code @RollingRestart(namespace = "demo", deployment = "service2")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(RollingRestart.List.class)
@ChaosFault(RollingRestartFault.class)
@ChaosCheck(RolloutCheckHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface RollingRestart {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** The Deployment's name. */
    String deployment();

    /** What Kubernetes is expected to do: COMPLETES (default), REFUSED (progress deadline exceeded) or ANY. */
    RolloutExpectation expect() default RolloutExpectation.COMPLETES;

    /** How long to watch the rollout for that outcome, from 1s to 1h; default 5m. */
    String within() default "5m";

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; {@code ""} = until the chaos phase ends. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link RollingRestart}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        RollingRestart[] value();
    }
}
