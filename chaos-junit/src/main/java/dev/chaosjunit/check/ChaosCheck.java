package dev.chaosjunit.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation as a steady-state check and names the class that handles it:
 *
 * <pre>{@code
 * @ChaosCheck(HealthProbeHandler.class)
 * @ExtendWith(ChaosExtension.class)
 * public @interface HealthProbe { ... }
 * }</pre>
 *
 * <p>Found exactly like {@link dev.chaosjunit.fault.ChaosFault} faults (directly, inherited, repeated, composed) and
 * resolved before anything starts.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface ChaosCheck {

    /** The handler of the annotated annotation type: public, with a public no-argument constructor, stateless. */
    Class<? extends CheckHandler<?>> value();
}
