package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.k8s.internal.handler.ReadyReplicasHandler;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A cluster-side steady-state check: a Deployment's ready replicas stay at least {@link #min()} in every phase (the
 * lowest count seen, through a watch).
 *
 * <pre>{@code @ReadyReplicas(namespace = "sock-shop", deployment = "front-end", min = 3)}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(ReadyReplicas.List.class)
@ChaosCheck(ReadyReplicasHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface ReadyReplicas {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** The Deployment's name. */
    String deployment();

    /** The fewest ready replicas allowed, 0 to 10000. */
    int min();

    /** Container for repeated {@link ReadyReplicas}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        ReadyReplicas[] value();
    }
}
