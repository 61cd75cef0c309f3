package dev.chaosjunit.prometheus.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where a {@code prometheus} executable is installed; elsewhere the
 * tests are disabled with the reason {@value PrometheusBinary#MISSING_REASON}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(PrometheusInstalledCondition.class)
public @interface EnabledIfPrometheusInstalled {
}
