package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.Verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The load hypothesis judged from given numbers alone: no driver, no thread, no socket, no clock. */
class LoadJudgeTest {

    /** A window with given numbers; percentiles are the same at every percentile ({@code latency}). */
    record Measured(long count, long errors, long dropped, Duration latency, Duration duration) implements LoadStats {
        @Override public Instant from() { return Instant.EPOCH; }
        @Override public Instant to() { return Instant.EPOCH.plus(duration); }
        @Override public long successes() { return count - errors; }
        @Override public Map<ErrorKind, Long> errorsByKind() {
            return errors == 0 ? Map.of() : Map.of(ErrorKind.HTTP_5XX, errors);
        }
        @Override public double throughput() { return count * 1e9 / duration.toNanos(); }
        @Override public double offeredRate() { return (count + dropped) * 1e9 / duration.toNanos(); }
        @Override public double errorRate() { return count == 0 ? 0 : (double) errors / count; }
        @Override public Duration percentile(double p) { return latency; }
        @Override public Duration uncorrectedPercentile(double p) { return latency; }
        @Override public Duration scheduleLagPercentile(double p) { return Duration.ZERO; }
        @Override public Duration max() { return latency; }
        @Override public Duration uncorrectedMax() { return latency; }
        @Override public Duration mean() { return latency; }
        @Override public Duration uncorrectedMean() { return latency; }
        @Override public boolean saturated() { return false; }
    }

    static final LoadTolerances ONE_PERCENT_P99_100MS = new LoadTolerances(0.01, OptionalDouble.empty(),
            Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(100)), Optional.empty(), 0);

    static PhaseStats phase(Phase phase, long count, long errors, long dropped, long latencyMillis) {
        return new PhaseStats("svc", phase, new Measured(count, errors, dropped, Duration.ofMillis(latencyMillis),
                Duration.ofSeconds(2)), () -> "");
    }

    @Test
    void aWindowWithinTheTolerancesPassesWithItsSummary() {
        PhaseStats before = phase(Phase.BEFORE, 100, 0, 0, 5);
        LoadJudge.Judgement j = LoadJudge.judge(before, null, ONE_PERCENT_P99_100MS, BaselineTolerances.NONE);
        assertThat(j.status()).isEqualTo(Verdict.Status.PASS);
        assertThat(j.problems()).isEmpty();
        assertThat(j.message()).isEqualTo(before.summary());
    }

    @Test
    void everyBrokenToleranceIsNamedBeforeTheSummary() {
        PhaseStats during = phase(Phase.DURING, 100, 3, 2, 150);
        LoadJudge.Judgement j = LoadJudge.judge(during, null, ONE_PERCENT_P99_100MS, BaselineTolerances.NONE);
        assertThat(j.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(j.problems()).containsExactly("error rate 3.00% > max 1.00%", "p99 150.0ms > max 100ms",
                "dropped 2 > max 0");
        assertThat(j.message()).isEqualTo(String.join(", ", j.problems()) + " (" + during.summary() + ")");
    }

    @Test
    void noEvidenceIsNotSteady() {
        LoadJudge.Judgement j = LoadJudge.judge(phase(Phase.BEFORE, 0, 0, 0, 0), null, ONE_PERCENT_P99_100MS,
                BaselineTolerances.NONE);
        assertThat(j.problems()).containsExactly("no request completed in the window");
    }

    @Test
    void theChaosWindowIsAlsoJudgedAgainstTheBaseline() {
        LoadTolerances loose = new LoadTolerances(1.0, OptionalDouble.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0);
        BaselineTolerances relative = new BaselineTolerances(OptionalDouble.of(0.05), OptionalDouble.of(2));
        PhaseStats baseline = phase(Phase.BEFORE, 100, 1, 0, 10);

        assertThat(LoadJudge.judge(phase(Phase.DURING, 100, 6, 0, 20), baseline, loose, relative).status())
                .isEqualTo(Verdict.Status.PASS);   // 6% <= 1% + 5%, 20ms <= 2 x 10ms: both bounds are inclusive
        assertThat(LoadJudge.judge(phase(Phase.DURING, 100, 7, 0, 21), baseline, loose, relative).problems())
                .containsExactly("error rate 7.00% > baseline 1.00% + 5.00%", "p99 21.0ms > 2.0 x baseline p99 10.0ms");
        assertThat(LoadJudge.judge(phase(Phase.DURING, 100, 7, 0, 21), null, loose, relative).status())
                .as("without a baseline only the absolute tolerances count").isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void recoveryIsTheFirstSecondFromWhichTheRestHolds() {
        // seconds after the revert: 0 and 1 still failing, from 2 on healthy
        List<Measured> suffixes = List.of(new Measured(100, 40, 0, Duration.ofMillis(5), Duration.ofSeconds(5)),
                new Measured(80, 10, 0, Duration.ofMillis(5), Duration.ofSeconds(4)),
                new Measured(60, 0, 0, Duration.ofMillis(5), Duration.ofSeconds(3)));
        PhaseStats after = phase(Phase.AFTER, 100, 40, 0, 5);

        LoadJudge.Recovery ok = LoadJudge.recovery(after, k -> suffixes.get((int) k), 5, ONE_PERCENT_P99_100MS,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(ok.recoveredAfter()).contains(Duration.ofSeconds(2));
        assertThat(ok.judgement().status()).isEqualTo(Verdict.Status.PASS);
        assertThat(ok.judgement().message()).isEqualTo("recovered 2s after the revert (bound 2s); " + after.summary());

        LoadJudge.Recovery late = LoadJudge.recovery(after, k -> suffixes.get((int) k), 5, ONE_PERCENT_P99_100MS,
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(late.recoveredAfter()).contains(Duration.ofSeconds(2));
        assertThat(late.judgement().problems()).containsExactly("recovered only 2s after the revert (bound 1s)");

        LoadJudge.Recovery never = LoadJudge.recovery(after, k -> suffixes.get(0), 3, ONE_PERCENT_P99_100MS,
                Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(never.recoveredAfter()).isEmpty();
        assertThat(never.judgement().message())
                .startsWith("did not recover within the 3s recovery window: error rate 40.00% > max 1.00% (");
    }

    @Test
    void haltsOnTheFirstThresholdBrokenButNeverOnAnEmptyWindow() {
        HaltThresholds halt = new HaltThresholds(OptionalDouble.of(0.5), Optional.of(Duration.ofMillis(300)),
                Duration.ofSeconds(1));
        Duration second = Duration.ofSeconds(1);
        assertThat(LoadJudge.halt(new Measured(10, 5, 0, Duration.ofMillis(400), second), halt))
                .contains("error rate 50.00% over the last 1s >= haltErrorRate 50.00%");
        assertThat(LoadJudge.halt(new Measured(10, 4, 0, Duration.ofMillis(300), second), halt))
                .contains("p99 300.0ms over the last 1s >= haltP99 300ms");
        assertThat(LoadJudge.halt(new Measured(10, 4, 0, Duration.ofMillis(299), second), halt)).isEmpty();
        assertThat(LoadJudge.halt(new Measured(0, 0, 9, Duration.ZERO, second), halt)).isEmpty();
    }

    @Test
    void latencyBoundsBelowTheBaselineMedianAreExplained() {
        PhaseStats before = phase(Phase.BEFORE, 100, 0, 0, 5);   // p50 5ms
        LoadTolerances tight = new LoadTolerances(0.01, OptionalDouble.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMillis(2)), Optional.of(Duration.ofMillis(5)), 0);
        HaltThresholds halt = new HaltThresholds(OptionalDouble.empty(), Optional.of(Duration.ofMillis(1)),
                Duration.ofSeconds(1));
        assertThat(LoadJudge.unmeetable(before, tight, halt)).containsExactly(
                "p99 = \"2ms\" is below this run's baseline p50 5.0ms, so no phase can meet it: check its unit, or"
                        + " measure the service's latency first",
                "haltP99 = \"1ms\" is below this run's baseline p50 5.0ms, so chaos would halt at its first check:"
                        + " check its unit, or measure the service's latency first");
        assertThat(LoadJudge.unmeetable(before, ONE_PERCENT_P99_100MS,
                new HaltThresholds(OptionalDouble.empty(), Optional.empty(), Duration.ofSeconds(1)))).isEmpty();
        assertThat(LoadJudge.unmeetable(phase(Phase.BEFORE, 0, 0, 0, 0), tight, halt)).as("no evidence").isEmpty();
    }

    @Test
    void aPassOnASaturatedWindowCarriesAWarning() {
        assertThat(LoadJudge.warnings(phase(Phase.DURING, 100, 0, 0, 5), Verdict.Status.PASS)).isEmpty();
        LoadStats measured = new Measured(100, 0, 0, Duration.ofMillis(5), Duration.ofSeconds(2));
        LoadStats saturated = (LoadStats) java.lang.reflect.Proxy.newProxyInstance(LoadStats.class.getClassLoader(),
                new Class<?>[] {LoadStats.class}, (proxy, method, args) -> "saturated".equals(method.getName())
                        ? Boolean.TRUE : method.invoke(measured, args));
        PhaseStats sat = new PhaseStats("svc", Phase.DURING, saturated, () -> "");
        assertThat(LoadJudge.warnings(sat, Verdict.Status.PASS)).containsExactly("the load driver was saturated in"
                + " this window (see LoadStats.saturated()): these numbers may be the driver's, not the service's");
        assertThat(LoadJudge.warnings(sat, Verdict.Status.FAIL)).as("a failure says what broke").isEmpty();
    }
}
