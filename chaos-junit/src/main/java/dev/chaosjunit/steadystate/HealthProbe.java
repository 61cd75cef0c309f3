package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.steadystate.internal.HealthProbeProvider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An HTTP health probe judged per experiment phase: {@code GET url} every {@link #every()}; a probe succeeds when the
 * status is {@link #status()}, the answer came within {@link #maxLatency()} and, if set, the JSON field at
 * {@link #jsonPath()} equals {@link #equals()}. A phase passes when at least {@link #minSuccessRate()} of its probes
 * succeeded. The before and after phases last at least three probe periods when they are judged.
 *
 * <pre>{@code
 * @HealthProbe(url = "${ORDERS_URL}/health", jsonPath = "status", equals = "UP", phases = {Phase.BEFORE, Phase.AFTER})
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(HealthProbe.List.class)
@ChaosCheck(HealthProbeProvider.class)
@ExtendWith(ChaosExtension.class)
public @interface HealthProbe {

    /** The probe's name in verdicts; {@code "health"} by default. */
    String name() default "health";

    /** The URL to probe ({@code ${NAME}} placeholders: an environment variable, else a system property). */
    String url();

    /** The expected status. */
    int status() default 200;

    /** The longest acceptable answer time. */
    String maxLatency() default "1s";

    /** A JSON field to check, such as {@code status} or {@code checks[0].state}; empty: none. */
    String jsonPath() default "";

    /** The value {@link #jsonPath()} must have. */
    String equals() default "";

    /** How often to probe. */
    String every() default "1s";

    /** The share of a phase's probes that must succeed (0..1). */
    double minSuccessRate() default 1.0;

    /** The phases judged; probes run through the whole experiment. */
    Phase[] phases() default {Phase.BEFORE, Phase.DURING, Phase.AFTER};

    /** Container of repeated {@link HealthProbe}s. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        HealthProbe[] value();
    }
}
