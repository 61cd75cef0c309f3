package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.RolloutCheckHandler;
import dev.chaosjunit.k8s.internal.handler.RolloutFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Rolls a Deployment to another image and watches it like {@code kubectl rollout status}; the verdict says whether
 * Kubernetes did what {@link #expect()} says. Reverted like {@code kubectl rollout undo --to-revision} to the revision
 * recorded before the change; the Deployment carries the run id, an expiry and that revision for the janitor.
 *
 * <pre>{@code @Rollout(namespace = "demo", deployment = "service2", image = "example/service2:v2")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(Rollout.List.class)
@ChaosFault(RolloutFault.class)
@ChaosCheck(RolloutCheckHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface Rollout {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** The Deployment's name. */
    String deployment();

    /** The container whose image changes; {@code ""} = the only one. */
    String container() default "";

    /** The new image, e.g. {@code "example/service2:v2"} (the current one rolls the same version). */
    String image();

    /** What Kubernetes is expected to do: COMPLETES (default), REFUSED (progress deadline exceeded) or ANY. */
    RolloutExpectation expect() default RolloutExpectation.COMPLETES;

    /** How long to watch the rollout for that outcome, from 1s to 1h; default 5m. */
    String within() default "5m";

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; {@code ""} = until the chaos phase ends, then it is rolled back. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link Rollout}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        Rollout[] value();
    }
}
