package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one load check knows about the phases of its experiment: when each started and ended, the window judged for
 * each, the recovery time. It is also {@code run.load()}: readable from the test body while the experiment runs,
 * where {@link #during()} waits for the declared chaos window. Thread-safe.
 */
final class LoadPhases implements LoadResults {

    /**
     * A window read at a phase's end waits this long, so that its last second (whose midpoint lies before the end,
     * so it is over at most half a second later) has closed.
     */
    static final long SETTLE_MILLIS = 650;

    private final SteadyStateSpec spec;
    private final Map<Phase, Instant> starts = new EnumMap<>(Phase.class);
    private final Map<Phase, Instant> ends = new EnumMap<>(Phase.class);
    private final Map<Phase, PhaseStats> judged = new EnumMap<>(Phase.class);
    private volatile LoadRun run;
    private volatile Duration recoveryTime;

    LoadPhases(SteadyStateSpec spec) {
        this.spec = spec;
    }

    synchronized void started(Phase phase, Instant at) {
        starts.put(phase, at);
    }

    synchronized void ended(Phase phase, Instant at) {
        ends.put(phase, at);
    }

    synchronized Instant start(Phase phase) {
        return starts.get(phase);
    }

    synchronized Optional<Instant> end(Phase phase) {
        return Optional.ofNullable(ends.get(phase));
    }

    void run(LoadRun started) {
        this.run = started;
    }

    /** The run, or {@code null} before the load started. */
    LoadRun run() {
        return run;
    }

    void recoveryTime(Optional<Duration> time) {
        this.recoveryTime = time.orElse(null);
    }

    /** Keeps {@code stats} as the judged window of {@code phase}. */
    synchronized PhaseStats record(Phase phase, LoadStats stats) {
        PhaseStats ps = stats(phase, stats);
        judged.put(phase, ps);
        return ps;
    }

    /** {@code stats} as a window of {@code phase} that shows every phase in its messages. */
    PhaseStats stats(Phase phase, LoadStats stats) {
        return new PhaseStats(spec.name(), phase, stats, this::phaseTable);
    }

    synchronized PhaseStats judged(Phase phase) {
        return judged.get(phase);
    }

    /** Every phase judged so far, one line each. */
    synchronized String phaseTable() {
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

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public PhaseStats before() {
        PhaseStats s = judged(Phase.BEFORE);
        if (s == null) {
            throw new IllegalStateException("the before phase of steady state \"" + spec.name()
                    + "\" has not ended yet");
        }
        return s;
    }

    @Override
    public PhaseStats during() throws InterruptedException {
        Instant start;
        LoadRun r;
        synchronized (this) {
            PhaseStats done = judged.get(Phase.DURING);
            if (done != null) {
                return done;
            }
            start = starts.get(Phase.DURING);
            r = run;
            if (start == null || r == null) {
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
        PhaseStats done = judged(Phase.DURING);
        return done != null ? done : stats(Phase.DURING, r.window(start, windowEnd));
    }

    @Override
    public PhaseStats after() {
        PhaseStats s = judged(Phase.AFTER);
        if (s == null) {
            throw new IllegalStateException("the after phase of steady state \"" + spec.name() + "\" has not"
                    + " ended: it starts when the test body returned and every fault was reverted; its verdict"
                    + " (recovery within " + Durations.format(spec.recoverWithin()) + ") is judged by the"
                    + " extension");
        }
        return s;
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
