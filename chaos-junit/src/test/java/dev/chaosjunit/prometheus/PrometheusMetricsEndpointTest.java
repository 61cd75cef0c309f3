package dev.chaosjunit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.prometheus.testing.EnabledIfPrometheusInstalled;
import dev.chaosjunit.prometheus.testing.PrometheusServerProcess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrometheusMetricsEndpointTest {

    @Test
    @EnabledIfPrometheusInstalled
    void aRealPrometheusScrapesTheMetersOfACompositeRegistry() throws Exception {
        CompositeMeterRegistry meters = new CompositeMeterRegistry();
        Counter sent = Counter.builder("load.requests").tag("scenario", "checkout").register(meters);
        sent.increment(5); // lost: a composite without child registries keeps no values (Micrometer semantics)
        try (PrometheusMetricsEndpoint endpoint = PrometheusMetricsEndpoint.start(meters);
                PrometheusServerProcess prometheus = PrometheusServerProcess.builder()
                        .target("load", endpoint.hostPort()).start()) {
            Timer.builder("load.latency").register(meters).record(Duration.ofMillis(20)); // registered after start
            sent.increment(2);
            prometheus.awaitTargetsUp(Duration.ofSeconds(20));
            PrometheusClient client = PrometheusClient.builder(prometheus.url()).build();

            double seen = waitForValue(client, "load_requests_total{job=\"load\",scenario=\"checkout\"}");
            assertThat(seen).isEqualTo(2.0);
            assertThat(waitForValue(client, "load_latency_seconds_count{job=\"load\"}")).isEqualTo(1.0);
        }
        assertThat(meters.getRegistries()).isEmpty();
    }

    @Test
    void servesAPrometheusRegistryAsIsInTheTextFormatAndStopsOnClose() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.counter("chaos.faults", "kind", "latency").increment();
        HttpClient http = HttpClient.newHttpClient();
        String url;
        try (PrometheusMetricsEndpoint endpoint = PrometheusMetricsEndpoint.start(meters)) {
            url = endpoint.url();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.body()).contains("chaos_faults_total{kind=\"latency\"} 1.0");
        }
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(meters.isClosed()).as("a registry the caller owns is not closed by the endpoint").isFalse();
        meters.close();
    }

    @Test
    void aRegistryThatCannotBeServedIsNamed() {
        assertThatThrownBy(() -> PrometheusMetricsEndpoint.start(new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a SimpleMeterRegistry cannot be served to Prometheus: expected a "
                        + "PrometheusMeterRegistry, or a CompositeMeterRegistry (a Prometheus registry is then added "
                        + "to it)");
    }

    private static double waitForValue(PrometheusClient client, String query) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            QueryResult r = client.query(query, Instant.now());
            if (!r.series().isEmpty()) {
                return r.series().get(0).samples().get(0).value();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus never saw " + query);
            }
            Thread.sleep(200);
        }
    }
}
