package dev.chaosjunit.samples.sockshop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only against a real Sock Shop: {@code SOCKSHOP_URL} must be set (an environment variable, or a
 * system property of that name) (and {@code PROMETHEUS_URL} or
 * {@code KUBECONFIG} when asked for); otherwise the test is disabled with a reason that says how to get them
 * ({@code scripts/sockshop-up.sh} starts Sock Shop on kind and prints them).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SockShopCondition.class)
public @interface RequiresSockShop {

    /** Also needs {@code PROMETHEUS_URL}. */
    boolean prometheus() default false;

    /** Also needs {@code KUBECONFIG} (a Kubernetes fault or a cluster-side check). */
    boolean kubernetes() default false;
}
