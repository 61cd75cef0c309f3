package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.k8s.internal.handler.MaxRestartsHandler;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A cluster-side steady-state check: the container restarts of the pods matching the selector grow by at most
 * {@link #max()} over the experiment (counted at each phase end against the start of the baseline).
 *
 * <pre>{@code @MaxRestarts(namespace = "sock-shop", selector = "name=orders", max = 0)}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(MaxRestarts.List.class)
@ChaosCheck(MaxRestartsHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface MaxRestarts {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** A label selector for the pods. */
    String selector();

    /** The most restarts allowed, 0 to 10000. */
    int max() default 0;

    /** Container for repeated {@link MaxRestarts}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        MaxRestarts[] value();
    }
}
