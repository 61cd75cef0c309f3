package dev.chaosjunit.samples.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.samples.rollout.common.Settings;
import dev.chaosjunit.samples.rollout.service2.Service2;
import dev.chaosjunit.samples.rollout.service2.Service2Config;
import dev.chaosjunit.samples.rollout.service2.Service2Version;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Service2Test {

    private static Service2 start(String version, String slowDelay) {
        return Service2.startOnLoopback(Service2Config.from(Settings.of(
                Map.of("SERVICE2_VERSION", version, "SERVICE2_SLOW_DELAY", slowDelay))));
    }

    @ParameterizedTest
    @EnumSource(value = Service2Version.class, names = {"V1", "V2", "V3"})
    void everyVersionCountsAndSaysWhichItIs(Service2Version version) throws Exception {
        try (Service2 service = start(version.name(), "2s")) {
            for (int expected = 1; expected <= 3; expected++) {
                Http.Answer a = Http.get(service.url() + "/");
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.body()).isEqualTo("{\"svc\":\"service2\",\"version\":\"" + version.number()
                        + "\",\"count\":" + expected + "}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Service2Version.class)
    void readinessIsDownOnlyForTheUnhealthyVersion(Service2Version version) throws Exception {
        try (Service2 service = start(version.name(), "2s")) {
            Http.Answer health = Http.get(service.url() + "/health");
            if (version == Service2Version.V3) {
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");
            } else {
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            }
        }
    }

    @Test
    void theSlowVersionIsReadyButHoldsEveryCountRequestForItsDelay() throws Exception {
        Duration delay = Duration.ofMillis(400);
        try (Service2 service = start("v4", "400ms")) {
            assertThat(Http.get(service.url() + "/health").status()).isEqualTo(200);
            Http.Answer a = Http.get(service.url() + "/");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo("{\"svc\":\"service2\",\"version\":\"4\",\"count\":1}");
            // a lower bound only: the sleep guarantees it, however busy the machine is
            assertThat(a.took()).isGreaterThanOrEqualTo(delay);
        }
    }

    @Test
    void metricsCountRequestsByPathAndStatus() throws Exception {
        try (Service2 service = start("v3", "2s")) {
            Http.get(service.url() + "/");
            Http.get(service.url() + "/");
            Http.get(service.url() + "/health");
            Http.Answer missing = Http.get(service.url() + "/nope");
            assertThat(missing.status()).isEqualTo(404);
            Http.Answer metrics = Http.get(service.url() + "/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(Http.sample(metrics.body(), "http_server_requests_seconds_count", "uri=\"/\"", "status=\"200\""))
                    .contains(2.0);
            assertThat(Http.sample(metrics.body(), "http_server_requests_seconds_count", "uri=\"/health\"",
                    "status=\"503\"")).contains(1.0);
            assertThat(Http.sample(metrics.body(), "http_server_requests_seconds_count", "uri=\"/\"", "status=\"404\""))
                    .contains(1.0);
            assertThat(metrics.body()).contains("http_server_requests_seconds_bucket{");
        }
    }

    @Test
    void defaultsAreVersionOneOnPort8000WithATwoSecondSlowDelay() {
        Service2Config config = Service2Config.from(Settings.of(Map.of()));
        assertThat(config.version()).isEqualTo(Service2Version.V1);
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.slowDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Service2Version.parse(" V4 ")).isEqualTo(Service2Version.V4);
        assertThat(Service2Version.parse("2")).isEqualTo(Service2Version.V2);
    }

    @Test
    void badSettingsAreRefusedWithWhatIsValid() {
        assertThatThrownBy(() -> Service2Config.from(Settings.of(Map.of("SERVICE2_VERSION", "v5"))))
                .hasMessage("SERVICE2_VERSION=v5 is not a version of service2: expected one of v1, v2, v3, v4"
                        + " (v1 same, v2 new, v3 unhealthy, v4 slow)");
        assertThatThrownBy(() -> Service2Config.from(Settings.of(Map.of("SERVICE2_SLOW_DELAY", "2 sec"))))
                .hasMessage("SERVICE2_SLOW_DELAY=2 sec is not a duration: expected a whole number followed by ms, s"
                        + " or m, for example 250ms or 2s");
        assertThatThrownBy(() -> Service2Config.from(Settings.of(Map.of("PORT", "70000"))))
                .hasMessage("PORT=70000 is not a port: expected 0..65535 (0 picks a free port)");
    }
}
