package dev.chaosjunit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chaosjunit.prometheus.testing.EnabledIfPrometheusInstalled;
import dev.chaosjunit.prometheus.testing.PrometheusServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real Prometheus (no scrape targets needed: PromQL constants are answered by the engine). */
@EnabledIfPrometheusInstalled
class PrometheusClientTest {

    private static PrometheusServerProcess prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startPrometheus() {
        prometheus = PrometheusServerProcess.builder().start();
        client = PrometheusClient.builder(prometheus.url()).build();
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void scalarsIncludingNaNAndInfinitiesAreParsed() {
        assertThat(only(client.query("0/0"))).isNaN();
        assertThat(only(client.query("1/0"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(only(client.query("-1/0"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(only(client.query("0.25 * 2"))).isEqualTo(0.5);
        assertThat(client.query("1").type()).isEqualTo(ResultType.SCALAR);
    }

    @Test
    void vectorsCarryLabelsAndTheEvaluationTime() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QueryResult r = client.query("label_replace(vector(0) / vector(0), \"status\", \"500\", \"\", \"\")"
                + " or label_replace(vector(7), \"status\", \"200\", \"\", \"\")", at);

        assertThat(r.type()).isEqualTo(ResultType.VECTOR);
        assertThat(r.series()).hasSize(2);
        Series nan = r.series().stream().filter(s -> "500".equals(s.labels().get("status"))).findFirst().orElseThrow();
        Series seven = r.series().stream().filter(s -> "200".equals(s.labels().get("status"))).findFirst()
                .orElseThrow();
        assertThat(nan.samples().get(0).value()).isNaN();
        assertThat(seven.labels()).isEqualTo(Map.of("status", "200"));
        assertThat(seven.labelText()).isEqualTo("{status=\"200\"}");
        assertThat(seven.samples()).containsExactly(new Sample(at, 7));
    }

    @Test
    void stringsAndEmptyVectorsAreTyped() {
        QueryResult s = client.query("\"chaos\"");
        assertThat(s.type()).isEqualTo(ResultType.STRING);
        assertThat(s.string()).contains("chaos");

        QueryResult empty = client.query("no_such_metric_total");
        assertThat(empty.type()).isEqualTo(ResultType.VECTOR);
        assertThat(empty.isEmpty()).isTrue();
    }

    @Test
    void rangeQueriesReturnAMatrixWithOnePointPerStep() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        QueryResult r = client.queryRange("vector(1) / vector(0)", start, start.plusSeconds(10),
                Duration.ofMillis(2500));

        assertThat(r.type()).isEqualTo(ResultType.MATRIX);
        assertThat(r.series()).hasSize(1);
        assertThat(r.series().get(0).samples()).containsExactly(
                new Sample(start, Double.POSITIVE_INFINITY),
                new Sample(start.plusMillis(2500), Double.POSITIVE_INFINITY),
                new Sample(start.plusMillis(5000), Double.POSITIVE_INFINITY),
                new Sample(start.plusMillis(7500), Double.POSITIVE_INFINITY),
                new Sample(start.plusMillis(10000), Double.POSITIVE_INFINITY));
    }

    @Test
    void badPromQlSurfacesPrometheusOwnErrorAndIsNotRetried() {
        PrometheusQueryException e = catchThrowableOfType(PrometheusQueryException.class,
                () -> client.query("sum(rate(x[1m])"));

        assertThat(e.errorType()).contains("bad_data");
        assertThat(e.prometheusError()).hasValueSatisfying(t -> assertThat(t).contains("parse error"));
        assertThat(e.httpStatus()).hasValue(400);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("Prometheus at " + prometheus.url()
                + " rejected query \"sum(rate(x[1m])\": bad_data: ").contains("parse error")
                .endsWith("(HTTP 400, attempt 1 of 3)");
    }

    @Test
    void aRangeQueryWithTooManyPointsSurfacesPrometheusLimit() {
        Instant end = Instant.now();
        PrometheusQueryException e = catchThrowableOfType(PrometheusQueryException.class,
                () -> client.queryRange("vector(1)", end.minus(Duration.ofDays(1)), end, Duration.ofSeconds(1)));

        assertThat(e.errorType()).contains("bad_data");
        assertThat(e.prometheusError()).hasValueSatisfying(t -> assertThat(t).contains("11,000 points"));
    }

    @Test
    void aRefusedConnectionIsRetriedWithBackoffWithinABoundedTime() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PrometheusClient unreachable = PrometheusClient.builder("http://127.0.0.1:" + closedPort)
                .maxAttempts(4).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).build();

        long started = System.nanoTime();
        PrometheusQueryException e = catchThrowableOfType(PrometheusQueryException.class,
                () -> unreachable.query("up"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getMessage()).startsWith("Prometheus at http://127.0.0.1:" + closedPort
                + " could not be reached for query \"up\" after 4 attempt(s) in ").contains("ConnectException");
        // pauses 100ms + 200ms + 300ms between the four attempts
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatIsNotPrometheusIsNamedAsSuch() {
        // Prometheus' own UI page is not the API: the client must say so instead of failing inside gson
        PrometheusClient wrongPath = PrometheusClient.builder(prometheus.url() + "/graph").maxAttempts(1).build();

        assertThatThrownBy(() -> wrongPath.query("up"))
                .isInstanceOf(PrometheusQueryException.class)
                .hasMessageContaining("and a body that is not Prometheus API JSON (is " + prometheus.url()
                        + "/graph a Prometheus server?)");
    }

    @Test
    void badBaseUrlsAreNamed() {
        assertThatThrownBy(() -> PrometheusClient.builder("localhost:9090"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Prometheus URL \"localhost:9090\" is not valid: expected an absolute http:// or "
                        + "https:// URL of the Prometheus server, for example \"http://127.0.0.1:9090\"");
        assertThatThrownBy(() -> PrometheusClient.builder("http://prom :9090"))
                .hasMessageStartingWith("Prometheus URL \"http://prom :9090\" is not a URL (Illegal character in "
                        + "authority)");
        assertThatThrownBy(() -> PrometheusClient.builder(" "))
                .hasMessageStartingWith("Prometheus URL is empty: expected an absolute http://");
        assertThatThrownBy(() -> PrometheusClient.builder("http://127.0.0.1:9090/?x=1"))
                .hasMessageStartingWith("Prometheus URL \"http://127.0.0.1:9090/?x=1\" must not have a query");
        assertThatThrownBy(() -> PrometheusClient.builder("http://admin:secret@127.0.0.1:9090"))
                .hasMessage("Prometheus URL \"http://***@127.0.0.1:9090\" must not carry credentials: use "
                        + "basicAuth(...) or bearerToken(...)");
        assertThat(PrometheusClient.builder("http://127.0.0.1:9090/prometheus/").build().baseUri())
                .hasToString("http://127.0.0.1:9090/prometheus");
    }

    @Test
    void builderIsImmutableAndValidates() {
        PrometheusClient.Builder base = PrometheusClient.builder(prometheus.url());
        PrometheusClient.Builder derived = base.maxAttempts(1);

        assertThat(derived).isNotSameAs(base);
        assertThatThrownBy(() -> base.maxAttempts(0)).hasMessage("Prometheus maxAttempts 0 is out of range: "
                + "expected 1 to 10 (1 = no retries)");
        assertThatThrownBy(() -> base.requestTimeout(Duration.ZERO)).hasMessage("Prometheus requestTimeout 0 is "
                + "not valid: expected a positive duration");
        assertThatThrownBy(() -> base.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessage(
                "Prometheus backoff max 1s is shorter than initial 2s: expected max >= initial");
        assertThatThrownBy(() -> base.basicAuth("a:b", "x")).hasMessage("Prometheus basic-auth username \"a:b\" "
                + "is not valid: expected a non-empty name without ':'");
    }

    private static double only(QueryResult r) {
        assertThat(r.series()).hasSize(1);
        assertThat(r.series().get(0).samples()).hasSize(1);
        return r.series().get(0).samples().get(0).value();
    }
}
