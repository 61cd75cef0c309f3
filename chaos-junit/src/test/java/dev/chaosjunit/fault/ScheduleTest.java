package dev.chaosjunit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.fault.RunIds;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static Schedule s(long afterMs, Long durationMs, Long everyMs) {
        return Schedule.of(Duration.ofMillis(afterMs), durationMs == null ? null : Duration.ofMillis(durationMs),
                everyMs == null ? null : Duration.ofMillis(everyMs));
    }

    @Test
    void overlapIsDecidedByTheIntervals() {
        assertThat(s(0, 1000L, null).overlaps(s(1000, 1000L, null))).isFalse();
        assertThat(s(1000, 1000L, null).overlaps(s(0, 1000L, null))).isFalse();
        assertThat(s(0, 1001L, null).overlaps(s(1000, 1000L, null))).isTrue();
        assertThat(s(0, null, null).overlaps(s(5000, 1000L, null))).isTrue();
        assertThat(s(5000, null, null).overlaps(s(0, 1000L, null))).isFalse();
        assertThat(s(0, 100L, 1000L).overlaps(s(5000, 100L, null))).isTrue();
    }

    @Test
    void invalidSchedulesAreRefused() {
        assertThatThrownBy(() -> s(-1, null, null)).hasMessageContaining("after must not be negative");
        assertThatThrownBy(() -> s(0, 0L, null)).hasMessageContaining("duration must be positive");
        assertThatThrownBy(() -> s(0, null, 1000L)).hasMessage("every needs a duration");
        assertThatThrownBy(() -> s(0, 1000L, 1000L)).hasMessage("every must be longer than duration");
    }

    @Test
    void describesItself() {
        assertThat(s(5000, 20000L, null)).hasToString("after 5s for 20s");
        assertThat(s(0, null, null)).hasToString("after 0 until the chaos phase ends");
        assertThat(s(0, 100L, 300L)).hasToString("after 0 for 100ms, every 300ms");
    }

    @Test
    void runIdNamesCarryTheirExpiry() {
        Instant expires = Instant.ofEpochSecond(1_800_000_000L);
        String name = RunIds.name(expires, "latency");
        assertThat(name).matches("chaos-junit\\.[0-9a-f]{8}\\.1800000000\\.latency-\\d+");
        assertThat(RunIds.expiryOf(name)).hasValue(expires);
        assertThat(RunIds.runIdOf(name)).hasValue(RunIds.runId());
        assertThat(RunIds.expiryOf("someone-elses")).isEmpty();
        assertThat(RunIds.expiryOf("chaos-junit.xyz.12.latency-1")).isEmpty();
    }
}
