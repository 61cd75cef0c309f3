package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Looks at the last halt window of a running load every {@link #PERIOD_MILLIS} during chaos, on its own daemon thread,
 * and reports the first breach of a halt threshold.
 */
final class HaltWatch {

    /** How often the halt thresholds are looked at. */
    static final long PERIOD_MILLIS = 200;

    private final ScheduledExecutorService executor;
    private volatile boolean stopped;

    private HaltWatch(String name) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "chaos-junit-halt-watch-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching {@code run} from {@code duringStart}; {@code onBreach} gets why and the window that broke, and
     * is expected to halt the experiment. Ticks stop once {@code control} reports a halt.
     */
    static HaltWatch start(String name, LoadRun run, Instant duringStart, HaltThresholds thresholds,
                           ExperimentControl control, BiConsumer<String, LoadStats> onBreach) {
        HaltWatch watch = new HaltWatch(name);
        watch.executor.scheduleAtFixedRate(() -> {
            if (watch.stopped || control.halted()) {
                return;
            }
            Instant now = Instant.now();
            Instant from = now.minus(thresholds.window());
            LoadStats last = run.window(from.isBefore(duringStart) ? duringStart : from, now);
            LoadJudge.halt(last, thresholds).ifPresent(why -> onBreach.accept(why, last));
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Stops watching; a tick already running finishes (it may be reverting faults right now), none starts. */
    void stop() {
        stopped = true;
        executor.shutdown();
    }
}
