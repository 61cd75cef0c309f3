package dev.chaosjunit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "400ms, 400000000",
        "5s, 5000000000",
        "1m30s, 90000000000",
        "1h, 3600000000000",
        "250us, 250000",
        "1.5s, 1500000000",
        "0, 0",
        "0ms, 0",
        "2m, 120000000000",
        "15ns, 15",
    })
    void parsesValidDurations(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 sec", "5", "-1s", "ms", "1s1m", "1s1s", "abc", "", "1.s", "10 ms"})
    void rejectsInvalidDurationsNamingTheValue(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("for example \"400ms\"");
    }

    @ParameterizedTest
    @CsvSource({"400ms", "5s", "1m30s", "1h", "250us", "0", "2h1s"})
    void formatRoundTrips(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
}
