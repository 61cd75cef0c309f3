package dev.chaosjunit.steadystate;

import dev.chaosjunit.fault.ResolveContext;
import java.lang.annotation.Annotation;

/**
 * Plugs an annotation-declared steady-state check into chaos-junit, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.chaosjunit.steadystate.SteadyStateCheckProvider}). Annotations are found and
 * validated exactly like faults (see {@link dev.chaosjunit.fault.FaultProvider}), before anything starts.
 *
 * @param <A> the annotation this provider handles
 */
public interface SteadyStateCheckProvider<A extends Annotation> {

    /** The annotation type this provider resolves. */
    Class<A> annotationType();

    /**
     * Creates a fresh check for one test run; report bad values with {@link ResolveContext#invalid}.
     */
    SteadyStateCheck resolve(A annotation, ResolveContext context);

    /** Identifying attributes shown after the annotation name in messages. Empty by default. */
    default String describe(A annotation) {
        return "";
    }
}
