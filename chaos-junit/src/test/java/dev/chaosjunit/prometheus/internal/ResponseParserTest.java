package dev.chaosjunit.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    @Test
    void sampleValuesIncludingPrometheusSpellingsOfSpecialValues() {
        assertThat(ResponseParser.value("NaN")).isNaN();
        assertThat(ResponseParser.value("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ResponseParser.value("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ResponseParser.value("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ResponseParser.value("1e-3")).isEqualTo(0.001);
        assertThatThrownBy(() -> ResponseParser.value("ten"))
                .hasMessage("\"ten\" is not a sample value (expected a number, NaN, +Inf or -Inf)");
    }

    @Test
    void fractionalSecondsBecomeExactInstants() {
        assertThat(ResponseParser.timestamp(new JsonPrimitive(new BigDecimal("1795313919.189"))))
                .isEqualTo(Instant.ofEpochSecond(1795313919L, 189_000_000));
        assertThat(ResponseParser.timestamp(new JsonPrimitive(1700000000)))
                .isEqualTo(Instant.ofEpochSecond(1700000000L));
    }

    @Test
    void envelopeIsNullForAnythingThatIsNotPrometheusJson() {
        assertThat(ResponseParser.envelope("<html>404</html>")).isNull();
        assertThat(ResponseParser.envelope("[1,2]")).isNull();
        assertThat(ResponseParser.envelope("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"x\"}").error)
                .isEqualTo("x");
    }

    @Test
    void backoffDoublesUpToTheCapAndHonoursRetryAfterWithinIt() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(p.backoffBefore(2, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoffBefore(3, Optional.empty())).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoffBefore(4, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoffBefore(5, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoffBefore(2, Optional.of("60"))).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoffBefore(2, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isEqualTo(Duration.ofMillis(100));
        assertThat(RetryPolicy.isTransient(503)).isTrue();
        assertThat(RetryPolicy.isTransient(429)).isTrue();
        assertThat(RetryPolicy.isTransient(400)).isFalse();
        assertThat(RetryPolicy.isTransient(422)).isFalse();
    }
}
