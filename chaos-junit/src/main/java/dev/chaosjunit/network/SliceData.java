package dev.chaosjunit.network;

import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.network.internal.SliceFault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Slices data into small chunks with a delay between them (Toxiproxy's {@code slicer} toxic).
 *
 * <pre>{@code @SliceData(proxy = "payments", averageSize = 64, sizeVariation = 16, delay = "1ms")}</pre>
 *
 * <p>Repeatable, inherited, and usable on a test method, a test class or another annotation (to compose your own, such
 * as {@code @SlowPayments}). Validated before any fault starts; see {@code docs/network-faults.md} for the limits.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(SliceData.List.class)
@ChaosFault(SliceFault.class)
@ExtendWith(ChaosExtension.class)
public @interface SliceData {

    /** The name of the proxy, as declared by {@code @ChaosProxy} or {@code ChaosExtension.builder().proxy(...)}. */
    String proxy();

    /** The average chunk size in bytes, at least 1. */
    int averageSize();

    /** The variation of the chunk size in bytes, 0 to {@code averageSize - 1}; default 0. */
    int sizeVariation() default 0;

    /** The delay between chunks, a whole number of microseconds ({@code "500us"}, {@code "1ms"}); default none. */
    String delay() default "0";

    /** Which direction of the connection is affected: {@code DOWNSTREAM} (responses, the default), {@code UPSTREAM} or {@code BOTH}. */
    Direction stream() default Direction.DOWNSTREAM;

    /** The fraction of connections affected, 0.0 to 1.0 (1.0 = all). */
    double toxicity() default 1.0;

    /** Delay from the start of the chaos phase before the fault starts, e.g. {@code "5s"}; {@code ""} = at once. */
    String after() default "";

    /** How long each occurrence lasts, e.g. {@code "20s"}; {@code ""} = until the chaos phase ends. */
    String duration() default "";

    /** Repeat period (longer than {@code duration}), e.g. {@code "10s"}; {@code ""} = once. */
    String every() default "";

    /** Container for repeated {@link SliceData}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        SliceData[] value();
    }
}
