package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The load hypothesis as pure functions of measured numbers: no threads, no sockets, no clock. The check that runs
 * the load measures the windows and turns these judgements into verdicts.
 */
final class LoadJudge {

    /**
     * The judgement of one window.
     *
     * @param status pass or fail
     * @param problems what broke the tolerances, one line each; empty on a pass
     * @param message the verdict's one line: the window's summary, after the problems when there are any
     */
    record Judgement(Verdict.Status status, List<String> problems, String message) {

        Judgement {
            problems = List.copyOf(problems);
        }

        static Judgement of(List<String> problems, PhaseStats measured) {
            return problems.isEmpty() ? new Judgement(Verdict.Status.PASS, problems, measured.summary())
                    : new Judgement(Verdict.Status.FAIL, problems, String.join(", ", problems) + " ("
                            + measured.summary() + ")");
        }
    }

    /**
     * The judgement of the recovery window.
     *
     * @param recoveredAfter time from the revert until the tolerances held for the rest of the window, if they did
     * @param judgement pass when that time is within the bound
     */
    record Recovery(Optional<Duration> recoveredAfter, Judgement judgement) {
    }

    private LoadJudge() {
    }

    /**
     * Judges {@code measured} against the absolute {@code tolerances} and, when a {@code baseline} is known, against
     * the tolerances {@code relative} to it (the baseline phase itself passes {@code null}).
     */
    static Judgement judge(PhaseStats measured, PhaseStats baseline, LoadTolerances tolerances,
                           BaselineTolerances relative) {
        List<String> problems = new ArrayList<>(tolerances.violations(measured));
        if (baseline != null) {
            relative.maxErrorRateIncrease().ifPresent(delta -> {
                if (measured.errorRate() > baseline.errorRate() + delta) {
                    problems.add(String.format(Locale.ROOT, "error rate %.2f%% > baseline %.2f%% + %.2f%%",
                            measured.errorRate() * 100, baseline.errorRate() * 100, delta * 100));
                }
            });
            relative.maxP99Factor().ifPresent(k -> {
                Duration bound = Duration.ofNanos((long) (baseline.percentile(99).toNanos() * k));
                if (measured.percentile(99).compareTo(bound) > 0) {
                    problems.add(String.format(Locale.ROOT, "p99 %s > %.1f x baseline p99 %s",
                            ms(measured.percentile(99)), k, ms(baseline.percentile(99))));
                }
            });
        }
        return Judgement.of(problems, measured);
    }

    /**
     * Judges recovery: the system recovered at the earliest whole second {@code k} (from the revert) whose suffix
     * window {@code suffixFrom.apply(k)} (second {@code k} to the end) meets {@code tolerances}; an empty suffix ends
     * the search. Recovery must come within {@code recoverWithin}.
     *
     * @param measured the whole recovery window, for the message
     * @param seconds how many whole seconds from the revert to the end of the window
     * @param recoveryWindow the declared recovery window, for the message
     */
    static Recovery recovery(PhaseStats measured, LongFunction<LoadStats> suffixFrom, long seconds,
                             LoadTolerances tolerances, Duration recoverWithin, Duration recoveryWindow) {
        Duration recovered = null;
        List<String> lastProblems = List.of("no complete second in the recovery window");
        for (long k = 0; k < seconds; k++) {
            LoadStats suffix = suffixFrom.apply(k);
            if (suffix.count() == 0 && suffix.dropped() == 0) {
                break;
            }
            List<String> problems = tolerances.violations(suffix);
            if (problems.isEmpty()) {
                recovered = Duration.ofSeconds(k);
                break;
            }
            lastProblems = problems;
        }
        String bound = Durations.format(recoverWithin);
        if (recovered != null && recovered.compareTo(recoverWithin) <= 0) {
            return new Recovery(Optional.of(recovered), new Judgement(Verdict.Status.PASS, List.of(), "recovered "
                    + Durations.format(recovered) + " after the revert (bound " + bound + "); " + measured.summary()));
        }
        String why = recovered == null
                ? "did not recover within the " + Durations.format(recoveryWindow) + " recovery window: "
                        + String.join(", ", lastProblems)
                : "recovered only " + Durations.format(recovered) + " after the revert (bound " + bound + ")";
        return new Recovery(Optional.ofNullable(recovered), new Judgement(Verdict.Status.FAIL,
                recovered == null ? lastProblems : List.of(why), why + " (" + measured.summary() + ")"));
    }

    /**
     * The latency bounds (p90, p99, p99.9, haltP99) below the {@code baseline}'s own p50: a tail cannot be faster
     * than the median, so no phase can ever meet them (a wrong unit, or a bound for another machine). Judged on the
     * baseline, where they fail the test as not steady before chaos with this explanation.
     */
    static List<String> unmeetable(PhaseStats baseline, LoadTolerances tolerances, HaltThresholds halt) {
        List<String> out = new ArrayList<>();
        if (baseline.count() == 0) {
            return out;
        }
        Duration p50 = baseline.percentile(50);
        unmeetable(out, "p90", tolerances.p90(), p50, "no phase can meet it");
        unmeetable(out, "p99", tolerances.p99(), p50, "no phase can meet it");
        unmeetable(out, "p999", tolerances.p999(), p50, "no phase can meet it");
        unmeetable(out, "haltP99", halt.p99(), p50, "chaos would halt at its first check");
        return out;
    }

    private static void unmeetable(List<String> out, String attribute, Optional<Duration> bound, Duration p50,
                                   String consequence) {
        if (bound.isPresent() && bound.get().compareTo(p50) < 0) {
            out.add(attribute + " = \"" + Durations.format(bound.get()) + "\" is below this run's baseline p50 "
                    + ms(p50) + ", so " + consequence + ": check its unit, or measure the service's latency first");
        }
    }

    /**
     * Warnings on a verdict that passed: a window the driver was saturated in may show the driver's numbers rather
     * than the service's, so its pass may not be the service's.
     */
    static List<String> warnings(LoadStats measured, Verdict.Status status) {
        if (status == Verdict.Status.PASS && measured.saturated()) {
            return List.of("the load driver was saturated in this window (see LoadStats.saturated()): these numbers"
                    + " may be the driver's, not the service's");
        }
        return List.of();
    }

    /** Why {@code last} (the halt window so far) breaks a halt threshold, or empty; an empty window never halts. */
    static Optional<String> halt(LoadStats last, HaltThresholds thresholds) {
        if (last.count() == 0) {
            return Optional.empty();
        }
        String window = Durations.format(last.duration());
        if (thresholds.errorRate().isPresent() && last.errorRate() >= thresholds.errorRate().getAsDouble()) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.2f%% over the last %s >= haltErrorRate %.2f%%",
                    last.errorRate() * 100, window, thresholds.errorRate().getAsDouble() * 100));
        }
        Optional<Duration> maxP99 = thresholds.p99();
        if (maxP99.isPresent() && last.percentile(99).compareTo(maxP99.get()) >= 0) {
            return Optional.of("p99 " + ms(last.percentile(99)) + " over the last " + window + " >= haltP99 "
                    + Durations.format(maxP99.get()));
        }
        return Optional.empty();
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1fms", d.toNanos() / 1e6);
    }
}
