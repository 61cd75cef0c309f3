package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.prometheus.testing.EnabledIfPrometheusInstalled;
import dev.chaosjunit.prometheus.testing.InstrumentedService;
import dev.chaosjunit.prometheus.testing.PrometheusServerProcess;
import dev.chaosjunit.prometheus.testing.TrafficLoop;
import dev.chaosjunit.check.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The example of docs/prometheus.md, compiled and run: annotations resolved, evaluated per phase, judged. */
@EnabledIfPrometheusInstalled
class PrometheusCheckExampleTest {

    private static InstrumentedService service;
    private static TrafficLoop traffic;
    private static PrometheusServerProcess prometheus;

    @BeforeAll
    static void start() {
        service = InstrumentedService.start(Duration.ofMillis(300));
        traffic = TrafficLoop.start(service.workUrl(), Duration.ofMillis(10));
        prometheus = PrometheusServerProcess.builder().target("checkout", service.hostPort()).start();
        prometheus.awaitTargetsUp(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (traffic != null) {
            traffic.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.close();
        }
    }

    // The checks are declared on a method of their own: on the @Test itself they would register ChaosExtension,
    // which would run them as an experiment; this test drives the evaluator by hand instead.
    // tag::example[]
    @PrometheusCheck(name = "error ratio", max = 0.05, phase = {Phase.BEFORE, Phase.AFTER}, scrapeLag = "1500ms",
            query = "(sum(rate(http_server_requests_seconds_count{job=\"${CHECK_JOB}\",status=~\"5..\"}[3s]))"
                    + " or vector(0)) / sum(rate(http_server_requests_seconds_count{job=\"${CHECK_JOB}\"}[3s]))")
    @PrometheusCheck(name = "p99 latency", max = 0.2, phase = Phase.DURING, scrapeLag = "1500ms",
            query = "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket[3s])))")
    static void declarations() {
    }

    @Test
    void checkoutStaysHealthyOnlyUntilItTurnsSlow(TestInfo test) throws Exception {
        // the configuration lookup: normally JUnit configuration parameters (-D..., junit-platform.properties)
        Map<String, String> settings = Map.of(PrometheusConfig.URL, prometheus.url());
        Function<String, Optional<String>> config = key -> Optional.ofNullable(settings.get(key));
        Function<String, Optional<String>> env = name -> Optional.ofNullable(Map.of("CHECK_JOB", "checkout").get(name));
        PrometheusCheckEvaluator evaluator = PrometheusConfig.evaluator(config, env);
        List<PrometheusCheckSpec> checks = PrometheusCheckSpec.findAll(
                PrometheusCheckExampleTest.class.getDeclaredMethod("declarations"), env);

        Thread.sleep(3000);                                  // warm-up: rate(...[3s]) sees only the steady service
        Instant beforeFrom = Instant.now();
        Thread.sleep(3000);
        Instant beforeTo = Instant.now();
        service.mode(InstrumentedService.Mode.SLOW);         // the "fault"
        Thread.sleep(3000);
        Instant duringTo = Instant.now();
        service.mode(InstrumentedService.Mode.OK);

        for (PrometheusCheckSpec check : checks) {
            if (check.appliesTo(Phase.BEFORE)) {
                PrometheusVerdict verdict = evaluator.evaluate(check, Phase.BEFORE, beforeFrom, beforeTo);
                System.out.println(verdict);   // PASS: error ratio 0 <= max 0.05 in the baseline [...] (max of 4 ...
                assertThat(verdict.outcome()).as(verdict.message()).isEqualTo(Verdict.Status.PASS);
            }
            if (check.appliesTo(Phase.DURING)) {
                PrometheusVerdict verdict = evaluator.evaluate(check, Phase.DURING, beforeTo, duringTo);
                System.out.println(verdict);   // FAIL: p99 latency 0.4975 > max 0.2 during [...] (max of 4 ...
                assertThat(verdict.outcome()).as(verdict.message()).isEqualTo(Verdict.Status.FAIL);
            }
        }
    }
    // end::example[]
}
