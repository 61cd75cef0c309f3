package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.chaosjunit.prometheus.testing.EnabledIfPrometheusInstalled;
import dev.chaosjunit.prometheus.testing.InstrumentedService;
import dev.chaosjunit.prometheus.testing.PrometheusServerProcess;
import dev.chaosjunit.prometheus.testing.TrafficLoop;
import dev.chaosjunit.check.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator against a real Prometheus scraping a real Micrometer-instrumented service every second: a clean
 * window passes, a failing window and a slow window fail, and every awkward-answer rule is met on real answers.
 */
@EnabledIfPrometheusInstalled
class PrometheusCheckEvaluatorTest {

    private static final String ERROR_RATIO =
            "(sum(rate(http_server_requests_seconds_count{job=\"svc\",uri=\"/work\",status=~\"5..\"}[3s]))"
                    + " or vector(0))"
                    + " / sum(rate(http_server_requests_seconds_count{job=\"svc\",uri=\"/work\"}[3s]))";
    private static final String P99 = "histogram_quantile(0.99, sum by (le) "
            + "(rate(http_server_requests_seconds_bucket{job=\"svc\",uri=\"/work\"}[3s])))";
    private static final Duration LAG = Duration.ofMillis(1500);

    private static InstrumentedService service;
    private static InstrumentedService doomed;
    private static TrafficLoop traffic;
    private static PrometheusServerProcess prometheus;
    private static PrometheusCheckEvaluator evaluator;

    @BeforeAll
    static void startServiceAndPrometheus() {
        service = InstrumentedService.start(Duration.ofMillis(800));
        doomed = InstrumentedService.start(Duration.ofMillis(1));
        traffic = TrafficLoop.start(service.workUrl(), Duration.ofMillis(10));
        prometheus = PrometheusServerProcess.builder()
                .target("svc", service.hostPort())
                .target("doomed", doomed.hostPort())
                .start();
        prometheus.awaitTargetsUp(Duration.ofSeconds(20));
        evaluator = new PrometheusCheckEvaluator(PrometheusClient.builder(prometheus.url()).build(), LAG,
                Clock.systemUTC());
    }

    @AfterAll
    static void stopAll() {
        if (traffic != null) {
            traffic.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.close();
        }
        if (doomed != null) {
            doomed.close();
        }
    }

    @Test
    void errorRatioAndP99FollowTheServiceAndTheVerdictFollowsThem() throws InterruptedException {
        Thread.sleep(4000); // let rate(...[3s]) see only clean traffic before the clean window starts
        Instant cleanFrom = Instant.now();
        Thread.sleep(4000);
        Instant cleanTo = Instant.now();
        service.mode(InstrumentedService.Mode.FAILING);
        Instant failingFrom = Instant.now();
        Thread.sleep(4000);
        Instant failingTo = Instant.now();
        service.mode(InstrumentedService.Mode.SLOW);
        Instant slowFrom = Instant.now();
        Thread.sleep(4000);
        Instant slowTo = Instant.now();
        service.mode(InstrumentedService.Mode.OK);

        PrometheusCheckSpec errors = PrometheusCheckSpec.builder(ERROR_RATIO).name("error ratio").max(0.05).build();
        // bound and slow mode far apart: a VM stall of a few hundred ms in the clean window must not look "slow"
        PrometheusCheckSpec p99 = PrometheusCheckSpec.builder(P99).name("p99 latency").max(0.5).build();

        PrometheusVerdict cleanErrors = evaluator.evaluate(errors, Phase.BEFORE, cleanFrom, cleanTo);

        System.out.println(cleanErrors.toJson());
        PrometheusVerdict failingErrors = evaluator.evaluate(errors, Phase.DURING, failingFrom, failingTo);
        System.out.println(failingErrors.toJson());
        PrometheusVerdict cleanP99 = evaluator.evaluate(p99, Phase.BEFORE, cleanFrom, cleanTo);
        System.out.println(cleanP99.toJson());
        PrometheusVerdict slowP99 = evaluator.evaluate(p99, Phase.DURING, slowFrom, slowTo);
        System.out.println(slowP99.toJson());

        assertThat(cleanErrors.outcome()).as(cleanErrors.message()).isEqualTo(Verdict.Status.PASS);
        assertThat(cleanErrors.observed().getAsDouble()).isEqualTo(0.0);
        assertThat(cleanErrors.message())
                .startsWith("error ratio 0 <= max 0.05 in the baseline [" + PrometheusVerdict.instant(cleanFrom));

        assertThat(failingErrors.outcome()).as(failingErrors.message()).isEqualTo(Verdict.Status.FAIL);
        assertThat(failingErrors.observed().getAsDouble()).isGreaterThan(0.5);
        assertThat(failingErrors.ruleApplied()).isEmpty();
        assertThat(failingErrors.message()).matches("error ratio [0-9.]+ > max 0.05 during \\["
                + PrometheusVerdict.instant(failingFrom) + " \\.\\. " + PrometheusVerdict.instant(failingTo)
                + "] \\(max of \\d+ point\\(s\\), step 1s; waited .*");

        assertThat(cleanP99.outcome()).as(cleanP99.message()).isEqualTo(Verdict.Status.PASS);
        assertThat(cleanP99.observed().getAsDouble()).isLessThanOrEqualTo(0.5);
        assertThat(slowP99.outcome()).as(slowP99.message()).isEqualTo(Verdict.Status.FAIL);
        // 800ms answers land in the 500ms-1s bucket (beyond it, histogram_quantile answers the last finite bound, 1s)
        assertThat(slowP99.observed().getAsDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);

        // the cheap instant evaluation sees the same: failing at the end of the failing window, clean at the end of
        // the clean one
        assertThat(evaluator.evaluateAt(errors, Phase.DURING, failingTo).outcome()).isEqualTo(Verdict.Status.FAIL);
        assertThat(evaluator.evaluateAt(errors, Phase.BEFORE, cleanTo).outcome()).isEqualTo(Verdict.Status.PASS);

        JsonObject json = failingErrors.toJson();
        assertThat(json.get("check").getAsString()).isEqualTo("error ratio");
        assertThat(json.get("phase").getAsString()).isEqualTo("during");
        assertThat(json.get("outcome").getAsString()).isEqualTo("FAIL");
        assertThat(json.get("max").getAsDouble()).isEqualTo(0.05);
        assertThat(json.get("min").isJsonNull()).isTrue();
        assertThat(json.get("observed").getAsDouble()).isEqualTo(failingErrors.observed().getAsDouble());
        assertThat(json.get("step").getAsString()).isEqualTo("1s");
        assertThat(json.get("seriesCount").getAsInt()).isEqualTo(1);
        // one point per 1s step of the failing window (4s asleep, longer on a busy machine), the first may be empty
        long windowSeconds = (long) Math.ceil(Duration.between(failingFrom, failingTo).toMillis() / 1000.0);
        assertThat(json.get("pointCount").getAsInt()).isBetween(3, (int) windowSeconds + 1);
    }

    @Test
    void waitsForTheScrapeLagAfterTheWindowAndSaysSo() {
        PrometheusCheckSpec up = PrometheusCheckSpec.builder("sum(up{job=\"svc\"})").name("svc up").min(1)
                .scrapeLag(Duration.ofSeconds(2)).build();
        Instant to = Instant.now();
        long started = System.nanoTime();
        PrometheusVerdict verdict = evaluator.evaluate(up, Phase.AFTER, to.minusSeconds(3), to);
        System.out.println(verdict.toJson());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(verdict.waitedForScrapeLag()).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(verdict.outcome()).as(verdict.message()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict.message()).startsWith("svc up 1 >= min 1 in recovery [")
                .contains("; waited 2").contains("for scrape lag 2s)");
    }

    @Test
    void evaluateAllJudgesTheChecksOfAPhaseWaitingForTheLagOnce() {
        PrometheusCheckSpec up = PrometheusCheckSpec.builder("sum(up{job=\"svc\"})").name("svc up").min(1)
                .scrapeLag(Duration.ofSeconds(2)).build();
        PrometheusCheckSpec noErrors = PrometheusCheckSpec.builder("sum(up{job=\"svc\"}) - 1").name("zero")
                .max(0).scrapeLag(Duration.ofSeconds(2)).build();
        PrometheusCheckSpec recoveryOnly = noErrors.toBuilder().name("recovery only").phases(Phase.AFTER).build();
        Instant to = Instant.now();
        long started = System.nanoTime();

        List<PrometheusVerdict> verdicts = evaluator.evaluateAll(List.of(up, recoveryOnly, noErrors), Phase.DURING,
                to.minusSeconds(3), to);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(verdicts).extracting(PrometheusVerdict::checkName).containsExactly("svc up", "zero");
        assertThat(verdicts).extracting(PrometheusVerdict::outcome).containsOnly(Verdict.Status.PASS);
        // waited once, not 2 x 2s: the second check waits nothing when right, 2s when it waits again; 1s is between
        // (its own figure, not the wall time, which the queries of a busy machine stretch)
        assertThat(verdicts.get(1).waitedForScrapeLag()).isLessThan(Duration.ofSeconds(1));
        assertThat(verdicts.get(0).waitedForScrapeLag()).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aMetricThatDoesNotExistIsAnEmptyResultWhichFailsByDefault() {
        PrometheusCheckSpec missing = PrometheusCheckSpec.builder("sum(rate(no_such_metric_total[3s]))")
                .name("missing").max(1).scrapeLag(Duration.ZERO).build();
        Instant to = Instant.now();

        PrometheusVerdict verdict = evaluator.evaluate(missing, Phase.DURING, to.minusSeconds(5), to);

        System.out.println(verdict.toJson());

        assertThat(verdict.outcome()).isEqualTo(Verdict.Status.FAIL);
        assertThat(verdict.ruleApplied()).contains(AwkwardAnswer.EMPTY_RESULT);
        assertThat(verdict.seriesCount()).isZero();
        assertThat(verdict.observed()).isEmpty();
        assertThat(verdict.message()).startsWith("missing returned no series -> FAIL (rule onEmpty=FAIL) during [")
                .contains("; if no series means zero, append \"or vector(0)\" to the query");
        assertThat(verdict.toJson().get("rule").getAsString()).isEqualTo("EMPTY_RESULT");

        PrometheusVerdict lenient = evaluator.evaluate(missing.toBuilder().on(AwkwardAnswer.EMPTY_RESULT,
                Verdict.Status.PASS).build(), Phase.DURING, to.minusSeconds(5), to);

        System.out.println(lenient.toJson());
        assertThat(lenient.outcome()).isEqualTo(Verdict.Status.PASS);
        assertThat(lenient.ruleApplied()).contains(AwkwardAnswer.EMPTY_RESULT);
    }

    @Test
    void zeroByZeroOnRealMetricsIsNaNWhichIsInconclusiveByDefault() {
        // testservice_idle_total exists but never increases: its rate is 0, so the ratio is 0/0
        PrometheusCheckSpec idle = PrometheusCheckSpec.builder(
                "sum(rate(testservice_idle_total{job=\"svc\"}[3s]))"
                        + " / sum(rate(testservice_idle_total{job=\"svc\"}[3s]))")
                .name("idle ratio").max(0.5).scrapeLag(Duration.ZERO).build();
        Instant to = Instant.now();

        PrometheusVerdict verdict = evaluator.evaluate(idle, Phase.DURING, to.minusSeconds(4), to);

        System.out.println(verdict.toJson());

        assertThat(verdict.outcome()).as(verdict.message()).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(verdict.ruleApplied()).contains(AwkwardAnswer.NAN);
        assertThat(Double.isNaN(verdict.observed().getAsDouble())).isTrue();
        assertThat(verdict.message()).contains("was NaN at all").contains("-> INCONCLUSIVE (rule onNaN=INCONCLUSIVE)");
        assertThat(verdict.toJson().get("observed").getAsString()).isEqualTo("NaN");

        PrometheusVerdict instant = evaluator.evaluateAt(idle, Phase.DURING, to);

        System.out.println(instant.toJson());
        assertThat(instant.ruleApplied()).contains(AwkwardAnswer.NAN);
        assertThat(instant.mode()).isEqualTo(PrometheusVerdict.Mode.INSTANT);
        assertThat(instant.message()).isEqualTo("idle ratio was NaN -> INCONCLUSIVE (rule onNaN=INCONCLUSIVE) at "
                + PrometheusVerdict.instant(to) + " (during) (0/0, for example a ratio while no requests arrive)");
        assertThat(evaluator.evaluate(idle.toBuilder().on(AwkwardAnswer.NAN, Verdict.Status.FAIL).build(), Phase.DURING,
                to.minusSeconds(4), to).outcome()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void requestsDividedByZeroIdleRequestsIsPlusInfinityWhichFailsByDefault() {
        PrometheusCheckSpec inf = PrometheusCheckSpec.builder(
                "sum(rate(http_server_requests_seconds_count{job=\"svc\"}[3s]))"
                        + " / sum(rate(testservice_idle_total{job=\"svc\"}[3s]))")
                .name("per idle").min(0).scrapeLag(Duration.ZERO).build();
        Instant to = Instant.now();

        PrometheusVerdict verdict = evaluator.evaluate(inf, Phase.AFTER, to.minusSeconds(4), to);

        System.out.println(verdict.toJson());

        assertThat(verdict.outcome()).as(verdict.message()).isEqualTo(Verdict.Status.FAIL);
        assertThat(verdict.ruleApplied()).contains(AwkwardAnswer.INFINITE);
        assertThat(verdict.observed().getAsDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(verdict.message()).startsWith("per idle was +Inf -> FAIL (rule onInfinite=FAIL) in recovery [");
        assertThat(verdict.toJson().get("observed").getAsString()).isEqualTo("+Inf");

        assertThat(evaluator.evaluate(inf.toBuilder().on(AwkwardAnswer.INFINITE, Verdict.Status.INCONCLUSIVE).build(),
                Phase.AFTER, to.minusSeconds(4), to).outcome()).isEqualTo(Verdict.Status.INCONCLUSIVE);
    }

    @Test
    void twoSeriesWhereOneWasExpectedFailByDefault() {
        PrometheusCheckSpec up = PrometheusCheckSpec.builder("up").name("targets up").min(1)
                .scrapeLag(Duration.ZERO).build();
        Instant to = Instant.now();

        PrometheusVerdict verdict = evaluator.evaluate(up, Phase.BEFORE, to.minusSeconds(3), to);

        System.out.println(verdict.toJson());
        PrometheusVerdict instant = evaluator.evaluateAt(up, Phase.BEFORE, to);
        System.out.println(instant.toJson());

        assertThat(verdict.outcome()).isEqualTo(Verdict.Status.FAIL);
        assertThat(verdict.ruleApplied()).contains(AwkwardAnswer.MULTIPLE_SERIES);
        assertThat(verdict.seriesCount()).isEqualTo(2);
        assertThat(verdict.message()).contains("returned 2 series {__name__=\"up\",instance=")
                .contains("job=\"doomed\"").contains("job=\"svc\"")
                .contains("aggregate them in PromQL, for example sum(...) or max(...)");
        assertThat(instant.ruleApplied()).contains(AwkwardAnswer.MULTIPLE_SERIES);
        assertThat(instant.seriesCount()).isEqualTo(2);
    }

    @Test
    void aTargetThatStopsLeavesAStaleSeries() throws InterruptedException {
        PrometheusCheckSpec info = PrometheusCheckSpec.builder("testservice_info{job=\"doomed\"}").name("doomed info")
                .min(1).max(1).step(Duration.ofSeconds(1)).staleAfter(Duration.ofMillis(2500))
                .scrapeLag(Duration.ofMillis(1200)).build();
        Instant before = Instant.now();
        PrometheusVerdict fresh = evaluator.evaluate(info, Phase.BEFORE, before.minusSeconds(3), before);
        System.out.println(fresh.toJson());
        assertThat(fresh.outcome()).as(fresh.message()).isEqualTo(Verdict.Status.PASS);

        doomed.close();
        Instant stopped = Instant.now();
        Thread.sleep(6000);
        Instant to = Instant.now();
        PrometheusVerdict stale = evaluator.evaluate(info, Phase.DURING, stopped.minusSeconds(3), to);
        System.out.println(stale.toJson());

        assertThat(stale.outcome()).as(stale.message()).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(stale.ruleApplied()).contains(AwkwardAnswer.STALE);
        assertThat(stale.message()).contains("doomed info series ended at ")
                .contains("more than staleAfter 2500ms before the window end -> INCONCLUSIVE (rule onStale=");
        assertThat(evaluator.evaluate(info.toBuilder().on(AwkwardAnswer.STALE, Verdict.Status.FAIL).build(),
                Phase.DURING, stopped.minusSeconds(3), to).outcome()).isEqualTo(Verdict.Status.FAIL);
        // an instant query no longer sees the series at all: Prometheus wrote a staleness marker
        assertThat(evaluator.evaluateAt(info, Phase.DURING, to).ruleApplied()).contains(AwkwardAnswer.EMPTY_RESULT);
    }

    @Test
    void badPromQlFailsWithPrometheusOwnErrorText() {
        PrometheusCheckSpec bad = PrometheusCheckSpec.builder("sum(rate(http_server_requests_seconds_count[3s])")
                .name("broken").max(1).scrapeLag(Duration.ZERO).build();
        Instant to = Instant.now();

        PrometheusVerdict verdict = evaluator.evaluate(bad, Phase.DURING, to.minusSeconds(3), to);

        System.out.println(verdict.toJson());

        assertThat(verdict.outcome()).isEqualTo(Verdict.Status.FAIL);
        assertThat(verdict.ruleApplied()).isEmpty();
        assertThat(verdict.error()).hasValueSatisfying(e -> assertThat(e).startsWith("bad_data: ")
                .contains("parse error"));
        assertThat(verdict.message()).startsWith("broken query failed: bad_data: ").contains("parse error");
        assertThat(evaluator.evaluateAt(bad, Phase.DURING, to).error()).hasValueSatisfying(e ->
                assertThat(e).startsWith("bad_data: "));
    }

    @Test
    void windowAndPhaseAreChecked() {
        PrometheusCheckSpec duringOnly = PrometheusCheckSpec.builder("vector(1)").name("one").max(1)
                .phases(Phase.DURING).build();
        Instant now = Instant.now();

        assertThatThrownBy(() -> evaluator.evaluate(duringOnly, Phase.AFTER, now.minusSeconds(1), now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("check one is not evaluated in phase AFTER: its phase attribute is [DURING]");
        assertThatThrownBy(() -> evaluator.evaluate(duringOnly, Phase.DURING, now, now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window of one in phase DURING: to " + now + " is not after from " + now);
    }
}
