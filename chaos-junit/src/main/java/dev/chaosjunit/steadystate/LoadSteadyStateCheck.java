package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the load of one {@link SteadyStateSpec} through the whole experiment and judges each phase from the driver's
 * own histograms ({@link LoadJudge}); watches the halt thresholds during chaos ({@link HaltWatch}). One instance per
 * test run; made by {@link SteadyStateSpec#toCheck()}.
 */
final class LoadSteadyStateCheck implements SteadyStateCheck, LoadResults.Source {

    /** The load is stopped when the experiment ends; its profile only needs to outlast any realistic test body. */
    private static final Duration RUN_LIMIT = Duration.ofHours(6);

    private final SteadyStateSpec spec;
    private final LoadPhases phases;
    private HaltWatch watch;

    LoadSteadyStateCheck(SteadyStateSpec spec) {
        this.spec = spec;
        this.phases = new LoadPhases(spec);
    }

    /** {@code steady state "checkout"}: the check's name in verdict tables, journals and messages. */
    @Override
    public String name() {
        return "steady state \"" + spec.name() + "\"";
    }

    @Override
    public Duration baseline() {
        return spec.warmup().plus(spec.baseline());
    }

    @Override
    public Duration chaosWindow() {
        return spec.duration();
    }

    @Override
    public Duration recovery() {
        return spec.recovery();
    }

    @Override
    public synchronized void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
        phases.started(phase, at);
        if (phase == Phase.BEFORE) {
            phases.run(spec.newDriver()
                    .profile(spec.profile(RUN_LIMIT))
                    .maxConnections(spec.connections())
                    .seed(control.seed())
                    .label(spec.name() + " warmup")
                    .start());
            return;
        }
        LoadRun r = phases.run();
        if (r == null) {
            return;
        }
        r.label(spec.name() + " " + phase.label());
        if (phase == Phase.DURING && spec.halts()) {
            watch = HaltWatch.start(spec.name(), r, at, spec.haltThresholds(), control,
                    (why, last) -> halt(control, why, last));
        }
    }

    @Override
    public void phaseEnded(Phase phase, Instant at, ExperimentControl control) throws InterruptedException {
        phases.ended(phase, at);
        if (phase == Phase.DURING) {
            stopWatch();
        }
        LoadRun r = phases.run();
        if (r == null) {
            return;
        }
        if (phase == Phase.BEFORE) {
            r.label(spec.name() + " baseline done");
        }
        if (phase == Phase.AFTER) {
            r.endProgress(at);   // the last judged phase is over: no progress line about the seconds after it
        }
        Thread.sleep(LoadPhases.SETTLE_MILLIS);
        switch (phase) {
            case BEFORE:
                judgeBefore(r, at, control);
                break;
            case DURING:
                judgeDuring(r, at, control);
                break;
            default:
                try {
                    judgeAfter(r, at, control);
                } finally {
                    r.stop();
                }
        }
    }

    /** The per-second timeline of the run, for the journal and the report's charts. */
    @Override
    public String journalData() {
        LoadRun r = phases.run();
        return r == null ? null : LoadJson.timeline(spec, r.timeline());
    }

    /** Stops the load if the experiment ended without an after phase (halted, failed, interrupted). */
    @Override
    public void close() {
        stopWatch();
        LoadRun r = phases.run();
        if (r != null) {
            r.stop();
        }
    }

    @Override
    public LoadResults loadResults() {
        return phases;
    }

    private void judgeBefore(LoadRun r, Instant end, ExperimentControl control) {
        Instant from = phases.start(Phase.BEFORE).plus(spec.warmup());
        if (!end.isAfter(from)) {
            return;   // the baseline was cut short (another check halted) before the warm-up was over: nothing to judge
        }
        PhaseStats stats = phases.record(Phase.BEFORE, r.window(from, end));
        LoadJudge.Judgement j = LoadJudge.judge(stats, null, spec.tolerances(), BaselineTolerances.NONE);
        List<String> unmeetable = LoadJudge.unmeetable(stats, spec.tolerances(), spec.haltThresholds());
        if (!unmeetable.isEmpty()) {
            List<String> problems = new ArrayList<>(j.problems());
            problems.addAll(unmeetable);
            j = LoadJudge.Judgement.of(problems, stats);
        }
        control.verdict(verdict(Phase.BEFORE, j, stats, Optional.empty()));
        if (j.status() == Verdict.Status.FAIL) {
            String reason = name() + ": " + String.join(", ", j.problems());
            if (spec.unsteadyBaseline() == SteadyState.UnsteadyBaseline.ABORT) {
                control.abort(reason);
            } else {
                control.halt(reason);
            }
        }
    }

    private void judgeDuring(LoadRun r, Instant end, ExperimentControl control) {
        PhaseStats stats = phases.record(Phase.DURING, r.window(phases.start(Phase.DURING), end));
        if (control.halted()) {
            return;   // the halt verdict already says what broke
        }
        LoadJudge.Judgement j = LoadJudge.judge(stats, phases.judged(Phase.BEFORE), spec.tolerances(),
                spec.baselineTolerances());
        control.verdict(verdict(Phase.DURING, j, stats, Optional.empty()));
    }

    private void judgeAfter(LoadRun r, Instant end, ExperimentControl control) {
        Instant start = phases.start(Phase.AFTER);
        PhaseStats stats = phases.record(Phase.AFTER, r.window(start, end));
        // Recovery is timed from the revert (the end of the chaos phase), not from the start of this phase: the checks'
        // own work between the two (judging the chaos window) must neither hide errors nor shorten the bound.
        Instant reverted = phases.end(Phase.DURING).orElse(start);
        LoadJudge.Recovery recovery = LoadJudge.recovery(stats, k -> r.window(reverted.plusSeconds(k), end),
                Duration.between(reverted, end).toSeconds(), spec.tolerances(), spec.recoverWithin(),
                spec.recovery());
        phases.recoveryTime(recovery.recoveredAfter());
        control.verdict(verdict(Phase.AFTER, recovery.judgement(), stats, recovery.recoveredAfter()));
    }

    private void halt(ExperimentControl control, String why, LoadStats last) {
        LoadJudge.Judgement j = new LoadJudge.Judgement(Verdict.Status.FAIL, List.of(why), "halted: " + why);
        control.verdict(verdict(Phase.DURING, j, phases.stats(Phase.DURING, last), Optional.empty()));
        control.halt(name() + ": " + why);
    }

    private synchronized void stopWatch() {
        if (watch != null) {
            watch.stop();
            watch = null;
        }
    }

    private Verdict verdict(Phase phase, LoadJudge.Judgement j, LoadStats stats, Optional<Duration> recovery) {
        List<String> warnings = LoadJudge.warnings(stats, j.status());
        String message = warnings.isEmpty() ? j.message() : j.message() + "; WARNING: " + String.join("; ", warnings);
        return new Verdict(name(), phase, j.status(), message, null)
                .withDetails(LoadJson.verdictDetails(spec.name(), stats, j.problems(), warnings, recovery));
    }
}
