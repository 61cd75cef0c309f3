package dev.chaosjunit.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.Wire;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault annotations compose into a user's own annotation. */
class ComposedAnnotationTest {

    /** A user-defined fault: slow, lossy payments. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @InjectLatency(proxy = "payments", latency = "250ms")
    @LimitBandwidth(proxy = "payments", rate = "1MB/s", stream = Direction.UPSTREAM)
    @interface SlowPayments {
    }

    static final ByteServer PAYMENTS = ByteServer.start();

    @RegisterExtension
    static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", PAYMENTS.address()).build();

    @AfterAll
    static void stop() {
        PAYMENTS.close();
    }

    @Test
    @SlowPayments
    void aComposedAnnotationStartsEveryFaultItCarries(ChaosRun run) {
        assertThat(run.timeline()).extracting(FaultEvent::description)
                .containsExactlyInAnyOrder("latency on payments", "bandwidth on payments");
        Wire.Exchange e = Wire.exchange(run.proxy("payments"), "GET 100", 100, Duration.ofSeconds(5));
        assertThat(e.bytes()).isEqualTo(100);
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }
}
