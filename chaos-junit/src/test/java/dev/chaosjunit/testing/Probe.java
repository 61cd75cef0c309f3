package dev.chaosjunit.testing;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.check.ChaosCheck;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.check.Phase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test-only steady-state check (plugged in through META-INF/services) that records callbacks in {@link ProbeLog}. */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ChaosCheck(ProbeCheckHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface Probe {

    String name() default "probe";

    String baseline() default "0";

    String recovery() default "0";

    /** Phases whose end gives a FAIL verdict (others PASS). */
    Phase[] failIn() default {};

    /** Phases whose end gives an INCONCLUSIVE verdict. */
    Phase[] inconclusiveIn() default {};

    /** Halt this long after the start of {@link #haltPhase()}; "" = never. */
    String haltAfter() default "";

    Phase haltPhase() default Phase.DURING;

    /** Throw from phaseEnded in these phases. */
    Phase[] throwIn() default {};
}
