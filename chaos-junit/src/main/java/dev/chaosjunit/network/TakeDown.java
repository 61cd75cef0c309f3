package dev.chaosjunit.network;

import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.network.internal.TakeDownFault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Takes the proxy down: it is disabled, so new connections are refused and open ones closed, as if the
 * service were gone. Reverting enables it again.
 *
 * <pre>{@code @TakeDown(proxy = "payments", after = "5s", duration = "10s")}</pre>
 *
 * <p>Repeatable, inherited, and usable on a test method, a test class or another annotation (to compose your own, such
 * as {@code @SlowPayments}). Validated before any fault starts; see {@code docs/network-faults.md} for the limits.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(TakeDown.List.class)
@ChaosFault(TakeDownFault.class)
@ExtendWith(ChaosExtension.class)
public @interface TakeDown {

    /** The name of the proxy, as declared by {@code @ChaosProxy} or {@code ChaosExtension.builder().proxy(...)}. */
    String proxy();

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "20s"}; {@code ""} = until the chaos phase ends. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link TakeDown}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        TakeDown[] value();
    }
}
