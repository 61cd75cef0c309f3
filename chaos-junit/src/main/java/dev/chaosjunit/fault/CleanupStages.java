package dev.chaosjunit.fault;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cleanup tasks of {@link ShutdownGuard}, by stage, and the run that drains them at JVM exit. A task registered
 * while its stage is being drained (an {@code every=} schedule starting a fault while the hook reverts the others)
 * is run in the same drain; one registered after its stage was drained is run at once, by the caller: nothing
 * registered once the hook began is left behind.
 */
final class CleanupStages {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");

    private final Map<ShutdownGuard.Stage, Map<Object, Runnable>> tasks = new EnumMap<>(ShutdownGuard.Stage.class);
    /** Stages the run has finished draining. */
    private final Map<ShutdownGuard.Stage, Boolean> drained = new EnumMap<>(ShutdownGuard.Stage.class);
    private volatile boolean running;

    CleanupStages() {
        for (ShutdownGuard.Stage s : ShutdownGuard.Stage.values()) {
            tasks.put(s, new LinkedHashMap<>());
        }
    }

    /** Keeps {@code task} for the run, or runs it now if the run already passed its stage. */
    void register(ShutdownGuard.Stage stage, Object key, Runnable task) {
        synchronized (this) {
            if (!drained.containsKey(stage)) {
                tasks.get(stage).put(key, task);
                return;
            }
        }
        if (stage == ShutdownGuard.Stage.FAULTS) {
            LOG.log(Level.WARNING, "chaos-junit: a fault started while the JVM shuts down; reverting it at once");
        }
        runQuietly(task);
    }

    synchronized void unregister(ShutdownGuard.Stage stage, Object key) {
        tasks.get(stage).remove(key);
    }

    /** Whether {@link #runAll()} has begun. */
    boolean running() {
        return running;
    }

    /** Runs every stage in order, each until no task of it is left (tasks may register new ones). */
    void runAll() {
        running = true;
        for (ShutdownGuard.Stage stage : ShutdownGuard.Stage.values()) {
            while (true) {
                List<Runnable> batch;
                synchronized (this) {
                    batch = new ArrayList<>(tasks.get(stage).values());
                    tasks.get(stage).clear();
                    if (batch.isEmpty()) {
                        drained.put(stage, Boolean.TRUE);
                        break;
                    }
                }
                if (stage == ShutdownGuard.Stage.FAULTS) {
                    LOG.log(Level.WARNING, "chaos-junit: JVM is shutting down with " + batch.size()
                            + " active fault(s); reverting them");
                }
                batch.forEach(CleanupStages::runQuietly);
            }
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "chaos-junit: cleanup at shutdown failed: " + e);
        }
    }
}
