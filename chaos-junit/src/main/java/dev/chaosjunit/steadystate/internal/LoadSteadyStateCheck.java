package dev.chaosjunit.steadystate.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.steadystate.LoadResults;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.steadystate.PhaseStats;
import dev.chaosjunit.steadystate.SteadyState;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.steadystate.SteadyStateSpec;
import dev.chaosjunit.check.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the load of one {@link SteadyStateSpec} through the whole experiment and judges each phase from the driver's
 * own histograms. One instance per test run.
 */
public final class LoadSteadyStateCheck implements SteadyStateCheck, LoadResults.Source {

    /** The load is stopped when the experiment ends; its profile only needs to outlast any realistic test body. */
    private static final Duration RUN_LIMIT = Duration.ofHours(6);
    /** How often the halt thresholds are looked at during chaos. */
    private static final long WATCH_PERIOD_MILLIS = 200;
    /**
     * A window read at a phase's end waits this long, so that its last second (whose midpoint lies before the end,
     * so it is over at most half a second later) has closed.
     */
    private static final long SETTLE_MILLIS = 650;

    private final SteadyStateSpec spec;
    private final Map<Phase, Instant> starts = new EnumMap<>(Phase.class);
    private final Map<Phase, Instant> ends = new EnumMap<>(Phase.class);
    private final Map<Phase, PhaseStats> judged = new EnumMap<>(Phase.class);
    private volatile LoadRun run;
    private volatile Duration recoveryTime;
    private ScheduledExecutorService watcher;

    public LoadSteadyStateCheck(SteadyStateSpec spec) {
        this.spec = spec;
    }

    public SteadyStateSpec spec() {
        return spec;
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
        starts.put(phase, at);
        if (phase == Phase.BEFORE) {
            run = spec.newDriver()
                    .profile(spec.profile(RUN_LIMIT))
                    .maxConnections(spec.connections())
                    .seed(control.seed())
                    .label(spec.name() + " warmup")
                    .start();
            notifyAll();
            return;
        }
        LoadRun r = run;
        if (r == null) {
            return;
        }
        r.label(spec.name() + " " + phase.label());
        if (phase == Phase.DURING && spec.halts()) {
            watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread t = new Thread(runnable, "chaos-junit-halt-watch-" + spec.name());
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleAtFixedRate(() -> watch(control), WATCH_PERIOD_MILLIS, WATCH_PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void phaseEnded(Phase phase, Instant at, ExperimentControl control) throws InterruptedException {
        synchronized (this) {
            ends.put(phase, at);
            if (phase == Phase.DURING) {
                stopWatcher();
            }
        }
        LoadRun r = run;
        if (r == null) {
            return;
        }
        if (phase == Phase.BEFORE) {
            r.label(spec.name() + " baseline done");
        }
        Thread.sleep(SETTLE_MILLIS);
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
        LoadRun r = run;
        if (r == null) {
            return null;
        }
        JsonObject data = new JsonObject();
        data.addProperty("load", spec.name());
        data.addProperty("target", spec.loadDescription());
        data.addProperty("model", spec.users() > 0 ? spec.users() + " users" : spec.rate() + "/s");
        JsonArray seconds = new JsonArray();
        for (LoadStats s : r.timeline()) {
            if (s.duration().compareTo(Duration.ofMillis(900)) < 0) {
                continue;   // the last, cut-short second would draw a false drop
            }
            JsonObject o = new JsonObject();
            o.addProperty("t", s.from().toEpochMilli());
            o.addProperty("count", s.count());
            o.addProperty("errors", s.errors());
            o.addProperty("dropped", s.dropped());
            o.addProperty("p50Ms", round(s.percentile(50)));
            o.addProperty("p99Ms", round(s.percentile(99)));
            o.addProperty("maxMs", round(s.max()));
            seconds.add(o);
        }
        data.add("seconds", seconds);
        return data.toString();
    }

    private static double round(Duration d) {
        return Math.round(d.toNanos() / 1e4) / 100.0;
    }

    /** Stops the load if the experiment ended without an after phase (halted, failed, interrupted). */
    public void close() {
        synchronized (this) {
            stopWatcher();
        }
        LoadRun r = run;
        if (r != null) {
            r.stop();
        }
    }

    private void judgeBefore(LoadRun r, Instant end, ExperimentControl control) {
        Instant from = starts.get(Phase.BEFORE).plus(spec.warmup());
        if (!end.isAfter(from)) {
            return;   // the baseline was cut short (another check halted) before the warm-up was over: nothing to judge
        }
        PhaseStats stats = record(Phase.BEFORE, r.window(from, end));
        List<String> problems = spec.tolerances().violations(stats);
        if (problems.isEmpty()) {
            control.verdict(verdict(Verdict.Status.PASS, Phase.BEFORE, stats.summary(), stats, problems));
            return;
        }
        String why = String.join(", ", problems);
        control.verdict(verdict(Verdict.Status.FAIL, Phase.BEFORE, why + " (" + stats.summary() + ")", stats, problems));
        String reason = name() + ": " + why;
        if (spec.unsteadyBaseline() == SteadyState.UnsteadyBaseline.ABORT) {
            control.abort(reason);
        } else {
            control.halt(reason);
        }
    }

    private void judgeDuring(LoadRun r, Instant end, ExperimentControl control) {
        PhaseStats stats = record(Phase.DURING, r.window(starts.get(Phase.DURING), end));
        if (control.halted()) {
            return;   // the halt verdict already says what broke
        }
        List<String> problems = new ArrayList<>(spec.tolerances().violations(stats));
        PhaseStats base = judged.get(Phase.BEFORE);
        if (base != null) {
            spec.maxErrorRateIncrease().ifPresent(delta -> {
                if (stats.errorRate() > base.errorRate() + delta) {
                    problems.add(String.format(Locale.ROOT, "error rate %.2f%% > baseline %.2f%% + %.2f%%",
                            stats.errorRate() * 100, base.errorRate() * 100, delta * 100));
                }
            });
            spec.maxP99Factor().ifPresent(k -> {
                Duration bound = Duration.ofNanos((long) (base.percentile(99).toNanos() * k));
                if (stats.percentile(99).compareTo(bound) > 0) {
                    problems.add(String.format(Locale.ROOT, "p99 %s > %.1f x baseline p99 %s", ms(stats.percentile(99)),
                            k, ms(base.percentile(99))));
                }
            });
        }
        Verdict.Status status = problems.isEmpty() ? Verdict.Status.PASS : Verdict.Status.FAIL;
        String message = problems.isEmpty() ? stats.summary()
                : String.join(", ", problems) + " (" + stats.summary() + ")";
        control.verdict(verdict(status, Phase.DURING, message, stats, problems));
    }

    private void judgeAfter(LoadRun r, Instant end, ExperimentControl control) {
        Instant start = starts.get(Phase.AFTER);
        PhaseStats stats = record(Phase.AFTER, r.window(start, end));
        // Recovery is timed from the revert (the end of the chaos phase), not from the start of this phase: the checks'
        // own work between the two (judging the chaos window) must neither hide errors nor shorten the bound.
        Instant reverted = ends.getOrDefault(Phase.DURING, start);
        long seconds = Duration.between(reverted, end).toSeconds();
        Duration recovered = null;
        List<String> lastProblems = List.of("no complete second in the recovery window");
        for (long k = 0; k < seconds; k++) {
            LoadStats suffix = r.window(reverted.plusSeconds(k), end);
            if (suffix.count() == 0 && suffix.dropped() == 0) {
                break;
            }
            List<String> problems = spec.tolerances().violations(suffix);
            if (problems.isEmpty()) {
                recovered = Duration.ofSeconds(k);
                break;
            }
            lastProblems = problems;
        }
        recoveryTime = recovered;
        String bound = Durations.format(spec.recoverWithin());
        if (recovered != null && recovered.compareTo(spec.recoverWithin()) <= 0) {
            control.verdict(verdict(Verdict.Status.PASS, Phase.AFTER, "recovered " + Durations.format(recovered)
                    + " after the revert (bound " + bound + "); " + stats.summary(), stats, List.of()));
        } else {
            String why = recovered == null
                    ? "did not recover within the " + Durations.format(spec.recovery()) + " recovery window: "
                            + String.join(", ", lastProblems)
                    : "recovered only " + Durations.format(recovered) + " after the revert (bound " + bound + ")";
            control.verdict(verdict(Verdict.Status.FAIL, Phase.AFTER, why + " (" + stats.summary() + ")", stats,
                    recovered == null ? lastProblems : List.of(why)));
        }
    }

    private void watch(ExperimentControl control) {
        LoadRun r = run;
        if (r == null || control.halted()) {
            return;
        }
        Instant now = Instant.now();
        Instant duringStart;
        synchronized (this) {
            duringStart = starts.get(Phase.DURING);
            if (duringStart == null || ends.containsKey(Phase.DURING)) {
                return;
            }
        }
        Instant from = now.minus(spec.haltWindow());
        LoadStats last = r.window(from.isBefore(duringStart) ? duringStart : from, now);
        if (last.count() == 0) {
            return;
        }
        String window = Durations.format(last.duration());
        Optional<Double> maxErrors = spec.haltErrorRate();
        if (maxErrors.isPresent() && last.errorRate() >= maxErrors.get()) {
            halt(control, String.format(Locale.ROOT, "error rate %.2f%% over the last %s >= haltErrorRate %.2f%%",
                    last.errorRate() * 100, window, maxErrors.get() * 100), last);
            return;
        }
        Optional<Duration> maxP99 = spec.haltP99();
        if (maxP99.isPresent() && last.percentile(99).compareTo(maxP99.get()) >= 0) {
            halt(control, "p99 " + ms(last.percentile(99)) + " over the last " + window + " >= haltP99 "
                    + Durations.format(maxP99.get()), last);
        }
    }

    private void halt(ExperimentControl control, String why, LoadStats last) {
        control.verdict(verdict(Verdict.Status.FAIL, Phase.DURING, "halted: " + why, new PhaseStats(spec.name(),
                Phase.DURING, last, this::phaseTable), List.of(why)));
        control.halt(name() + ": " + why);
    }

    private synchronized void stopWatcher() {
        if (watcher != null) {
            // no interrupt: a watch that is halting the experiment may be reverting faults right now
            watcher.shutdown();
            watcher = null;
        }
    }

    private synchronized PhaseStats record(Phase phase, LoadStats stats) {
        PhaseStats ps = new PhaseStats(spec.name(), phase, stats, this::phaseTable);
        judged.put(phase, ps);
        notifyAll();
        return ps;
    }

    private Verdict verdict(Verdict.Status status, Phase phase, String message, LoadStats stats, List<String> problems) {
        JsonObject json = new JsonObject();
        json.addProperty("load", spec.name());
        json.addProperty("requests", stats.count());
        json.addProperty("errors", stats.errors());
        json.addProperty("errorRate", stats.errorRate());
        json.addProperty("dropped", stats.dropped());
        json.addProperty("throughput", stats.throughput());
        json.addProperty("p50Ms", stats.percentile(50).toNanos() / 1e6);
        json.addProperty("p99Ms", stats.percentile(99).toNanos() / 1e6);
        json.addProperty("p999Ms", stats.percentile(99.9).toNanos() / 1e6);
        json.addProperty("maxMs", stats.max().toNanos() / 1e6);
        json.addProperty("uncorrectedP99Ms", stats.uncorrectedPercentile(99).toNanos() / 1e6);
        json.addProperty("saturated", stats.saturated());
        JsonObject kinds = new JsonObject();
        stats.errorsByKind().forEach((k, v) -> kinds.addProperty(k.label(), v));
        json.add("errorsByKind", kinds);
        JsonArray p = new JsonArray();
        problems.forEach(p::add);
        json.add("problems", p);
        if (phase == Phase.AFTER && recoveryTime != null) {
            json.addProperty("recoveryMs", recoveryTime.toMillis());
        }
        return new Verdict(name(), phase, status, message, null).withDetails(json.toString());
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1fms", d.toNanos() / 1e6);
    }

    private final LoadResults results = new Results();

    @Override
    public LoadResults loadResults() {
        return results;
    }

    /** {@code run.load()}: the phases of this check's load. */
    private final class Results implements LoadResults {

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public PhaseStats before() {
            synchronized (LoadSteadyStateCheck.this) {
                PhaseStats s = judged.get(Phase.BEFORE);
                if (s == null) {
                    throw new IllegalStateException("the before phase of steady state \"" + spec.name()
                            + "\" has not ended yet");
                }
                return s;
            }
        }

        @Override
        public PhaseStats during() throws InterruptedException {
            Instant start;
            synchronized (LoadSteadyStateCheck.this) {
                PhaseStats done = judged.get(Phase.DURING);
                if (done != null) {
                    return done;
                }
                start = starts.get(Phase.DURING);
                if (start == null || run == null) {
                    throw new IllegalStateException("the during phase of steady state \"" + spec.name()
                            + "\" has not started");
                }
            }
            Instant windowEnd = start.plus(spec.duration());
            long waitMillis = Duration.between(Instant.now(), windowEnd).toMillis();
            if (waitMillis > 0) {
                Thread.sleep(waitMillis);
            }
            Thread.sleep(SETTLE_MILLIS);
            synchronized (LoadSteadyStateCheck.this) {
                PhaseStats done = judged.get(Phase.DURING);
                if (done != null) {
                    return done;
                }
            }
            return new PhaseStats(spec.name(), Phase.DURING, run.window(start, windowEnd),
                    LoadSteadyStateCheck.this::phaseTable);
        }

        @Override
        public PhaseStats after() {
            synchronized (LoadSteadyStateCheck.this) {
                PhaseStats s = judged.get(Phase.AFTER);
                if (s == null) {
                    throw new IllegalStateException("the after phase of steady state \"" + spec.name() + "\" has not"
                            + " ended: it starts when the test body returned and every fault was reverted; its verdict"
                            + " (recovery within " + Durations.format(spec.recoverWithin()) + ") is judged by the"
                            + " extension");
                }
                return s;
            }
        }

        @Override
        public Optional<Duration> recoveryTime() {
            return Optional.ofNullable(recoveryTime);
        }

        @Override
        public List<LoadStats> timeline() {
            LoadRun r = run;
            return r == null ? List.of() : r.timeline();
        }
    }

    /** Every phase judged so far, one line each. */
    public synchronized String phaseTable() {
        StringBuilder sb = new StringBuilder();
        for (Phase phase : Phase.values()) {
            PhaseStats s = judged.get(phase);
            if (s != null) {
                if (sb.length() > 0) {
                    sb.append(System.lineSeparator());
                }
                sb.append(String.format(Locale.ROOT, "  %-7s %s", phase.label(), s.summary()));
            }
        }
        return sb.toString();
    }
}
