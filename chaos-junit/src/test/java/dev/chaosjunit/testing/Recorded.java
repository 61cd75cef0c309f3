package dev.chaosjunit.testing;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.fault.ChaosFault;
import org.junit.jupiter.api.extension.ExtendWith;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test-only fault (plugged in with @ChaosFault) that records its injections and reverts in {@link FaultLog}. */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(Recorded.List.class)
@ChaosFault(RecordedFaultHandler.class)
@ExtendWith(ChaosExtension.class)
public @interface Recorded {

    String name();

    String after() default "";

    String duration() default "";

    String every() default "";

    /** Inject throws. */
    boolean failInject() default false;

    /** Revert throws (the first time). */
    boolean failRevert() default false;

    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        Recorded[] value();
    }
}
