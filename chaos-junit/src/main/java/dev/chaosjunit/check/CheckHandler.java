package dev.chaosjunit.check;

import dev.chaosjunit.fault.ResolveContext;
import java.lang.annotation.Annotation;

/**
 * Turns one check annotation (which names this class with {@link ChaosCheck}) into a fresh {@link SteadyStateCheck}
 * for one test run. Validation works as for faults ({@link dev.chaosjunit.fault.FaultHandler}): every bad value is
 * refused here, with {@link ResolveContext#invalid}, before anything starts.
 *
 * <p>An implementation needs a public no-argument constructor and must be stateless.
 *
 * @param <A> the annotation this handler resolves
 */
public interface CheckHandler<A extends Annotation> {

    /** Creates a fresh check for one test run; report bad values with {@link ResolveContext#invalid}. */
    SteadyStateCheck resolve(A annotation, ResolveContext context);

    /** Identifying attributes shown after the annotation name in messages. Empty by default. */
    default String describe(A annotation) {
        return "";
    }
}
