package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.k8s.internal.handler.ScaleFault;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Scales a Deployment to {@code replicas} (a JSON Patch of {@code spec.replicas}) and back to the original count on
 * revert; the Deployment carries the run id, an expiry and the original count for the janitor.
 *
 * <pre>{@code @ScaleDeployment(namespace = "demo", deployment = "service2", replicas = 1, duration = "30s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(ScaleDeployment.List.class)
@ChaosFault(ScaleFault.class)
@ExtendWith(ChaosExtension.class)
public @interface ScaleDeployment {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** The Deployment's name. */
    String deployment();

    /** The replica count while the fault lasts, 0 to 1000. */
    int replicas();

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "30s"}; {@code ""} = until the chaos phase ends. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link ScaleDeployment}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        ScaleDeployment[] value();
    }
}
