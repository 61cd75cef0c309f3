package dev.chaosjunit.k8s;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.k8s.internal.handler.RecoveryTimeHandler;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A cluster-side steady-state check reported in the after phase: the time from the last fault event (a kill or a
 * revert) until the Deployment is fully ready again (every replica updated and ready), at most {@link #max()}.
 *
 * <pre>{@code @RecoveryTime(namespace = "sock-shop", deployment = "front-end", max = "60s")}</pre>
 *
 * <p>Repeatable, inherited, usable on a test method, a test class or another annotation. Validated, and checked
 * against the guardrails and the user's permissions, before anything starts; see {@code docs/kubernetes.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(RecoveryTime.List.class)
@ChaosCheck(RecoveryTimeHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface RecoveryTime {

    /** The namespace; it must be listed in {@code chaos.k8s.allowedNamespaces}. */
    String namespace();

    /** The Deployment's name. */
    String deployment();

    /** The longest recovery allowed, from 1s to 1h. */
    String max();

    /** Container for repeated {@link RecoveryTime}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        RecoveryTime[] value();
    }
}
