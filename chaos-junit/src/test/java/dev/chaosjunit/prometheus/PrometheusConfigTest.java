package dev.chaosjunit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PrometheusConfigTest {

    private static final Function<String, Optional<String>> ENV =
            name -> Optional.ofNullable(Map.of("PROM_HOST", "127.0.0.1", "TOKEN", "t0k").get(name));

    private static Function<String, Optional<String>> config(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return key -> Optional.ofNullable(m.get(key));
    }

    @Test
    void urlAndOptionsAreReadWithPlaceholders() {
        PrometheusClient client = PrometheusConfig.client(config(PrometheusConfig.URL, "http://${PROM_HOST}:9090/",
                PrometheusConfig.BEARER_TOKEN, "${TOKEN}", PrometheusConfig.MAX_ATTEMPTS, "5",
                PrometheusConfig.REQUEST_TIMEOUT, "10s", PrometheusConfig.CONNECT_TIMEOUT, "500ms"), ENV);

        assertThat(client.baseUri()).hasToString("http://127.0.0.1:9090");
        assertThat(PrometheusConfig.isConfigured(config(PrometheusConfig.URL, "http://x:1"))).isTrue();
        assertThat(PrometheusConfig.isConfigured(config())).isFalse();
        assertThat(PrometheusConfig.evaluator(config(PrometheusConfig.URL, "http://x:1",
                PrometheusConfig.SCRAPE_LAG, "2s"), ENV).client().baseUri()).hasToString("http://x:1");
    }

    @Test
    void missingOrBadValuesNameTheKey() {
        assertThatThrownBy(() -> PrometheusConfig.client(config(), ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaos.prometheus.url is not set: a @PrometheusCheck needs the base URL of Prometheus, "
                        + "for example chaos.prometheus.url=http://127.0.0.1:9090 (a JUnit configuration parameter "
                        + "or system property)");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "prometheus:9090"), ENV))
                .hasMessage("chaos.prometheus.url: Prometheus URL \"prometheus:9090\" is not valid: expected an "
                        + "absolute http:// or https:// URL of the Prometheus server, for example "
                        + "\"http://127.0.0.1:9090\"");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "http://${NOPE}:9090"), ENV))
                .hasMessageStartingWith("chaos.prometheus.url: environment variable NOPE used as ${NOPE}");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "http://x:1",
                PrometheusConfig.BEARER_TOKEN, "t", PrometheusConfig.USERNAME, "u"), ENV))
                .hasMessage("chaos.prometheus.bearerToken and chaos.prometheus.username/chaos.prometheus.password "
                        + "are both set: expected either a bearer token or basic auth, not both");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "http://x:1",
                PrometheusConfig.USERNAME, "u"), ENV))
                .hasMessage("chaos.prometheus.username is set but chaos.prometheus.password is not: basic auth "
                        + "needs both");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "http://x:1",
                PrometheusConfig.MAX_ATTEMPTS, "many"), ENV))
                .hasMessage("chaos.prometheus.maxAttempts \"many\" is not valid: expected a whole number from 1 to "
                        + "10 (1 = no retries)");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "http://x:1",
                PrometheusConfig.REQUEST_TIMEOUT, "10 s"), ENV))
                .hasMessageStartingWith("chaos.prometheus.requestTimeout \"10 s\" is not a duration: expected");
        assertThatThrownBy(() -> PrometheusConfig.client(config(PrometheusConfig.URL, "http://x:1",
                PrometheusConfig.CONNECT_TIMEOUT, "0"), ENV))
                .hasMessage("chaos.prometheus.connectTimeout \"0\" is not valid: expected a positive duration such "
                        + "as \"5s\"");
    }
}
