package dev.chaosjunit.network;

import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.network.internal.LatencyFault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds latency to every chunk of data passing the proxy (Toxiproxy's {@code latency} toxic).
 *
 * <pre>{@code @InjectLatency(proxy = "payments", latency = "400ms", jitter = "50ms")}</pre>
 *
 * <p>Repeatable, inherited, and usable on a test method, a test class or another annotation (to compose your own, such
 * as {@code @SlowPayments}). Validated before any fault starts; see {@code docs/network-faults.md} for the limits.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(InjectLatency.List.class)
@ChaosFault(LatencyFault.class)
@ExtendWith(ChaosExtension.class)
public @interface InjectLatency {

    /** The name of the proxy, as declared by {@code @ChaosProxy} or {@code ChaosExtension.builder().proxy(...)}. */
    String proxy();

    /** The added delay, a whole number of milliseconds, at least {@code "1ms"}, e.g. {@code "400ms"}. */
    String latency();

    /** Random variation around {@code latency} (+/-), whole milliseconds, at most {@code latency}; default none. */
    String jitter() default "0";

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

    /** Container for repeated {@link InjectLatency}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        InjectLatency[] value();
    }
}
