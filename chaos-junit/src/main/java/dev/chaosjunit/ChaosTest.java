package dev.chaosjunit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A chaos experiment: a {@link Test} run by {@link ChaosExtension}. Fault annotations on the method (or class) start
 * on schedule while the body runs and are reverted on every outcome.
 *
 * <pre>{@code
 * @ChaosTest(window = "10s")
 * @InjectLatency(proxy = "payments", latency = "400ms", after = "2s", duration = "5s")
 * void checkoutSurvivesSlowPayments(ChaosRun run) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(ChaosExtension.class)
public @interface ChaosTest {

    /**
     * The chaos window, e.g. {@code "30s"}: the chaos phase lasts at least this long (the body, then waiting), so
     * scheduled faults run their course; a schedule ending after the window is rejected before anything starts.
     * {@code ""} (default): no window; schedules are relative to the body and are cut short when it ends.
     */
    String window() default "";
}
