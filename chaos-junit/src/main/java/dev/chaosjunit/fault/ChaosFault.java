package dev.chaosjunit.fault;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation as a fault and names the class that handles it:
 *
 * <pre>{@code
 * @ChaosFault(LatencyFault.class)
 * @ExtendWith(ChaosExtension.class)
 * public @interface InjectLatency { ... }
 * }</pre>
 *
 * <p>The engine finds every annotation carrying this meta-annotation on a test method or class (directly, inherited,
 * repeated through its container, or composed into a user's own annotation) and hands each occurrence to a fresh
 * instance of {@link #value()} before anything starts. Nothing has to be registered anywhere else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface ChaosFault {

    /** The handler of the annotated annotation type: public, with a public no-argument constructor, stateless. */
    Class<? extends FaultHandler<?>> value();
}
