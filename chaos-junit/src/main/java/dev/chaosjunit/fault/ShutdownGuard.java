package dev.chaosjunit.fault;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM-wide safety net: one shutdown hook that, if the JVM ends (SIGTERM, System.exit) while faults are active,
 * reverts them, then removes proxies this JVM created, then stops servers this JVM started, in that order.
 *
 * <p>This is the only JVM-wide mutable state of the extension: it must outlive every {@code ExtensionContext}.
 */
public final class ShutdownGuard {

    /** Cleanup stages, run in this order. */
    public enum Stage {
        FAULTS, PROXIES, SERVERS
    }

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");
    private static final Map<Stage, Map<Object, Runnable>> TASKS = new LinkedHashMap<>();
    private static boolean hookInstalled;
    private static volatile boolean shuttingDown;

    static {
        for (Stage s : Stage.values()) {
            TASKS.put(s, new LinkedHashMap<>());
        }
    }

    private ShutdownGuard() {
    }

    /** Registers {@code task} under {@code key} until {@link #unregister}; it runs only if the JVM ends first. */
    public static synchronized void register(Stage stage, Object key, Runnable task) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownGuard::runAll, "chaos-junit-shutdown"));
            hookInstalled = true;
        }
        TASKS.get(stage).put(key, task);
    }

    public static synchronized void unregister(Stage stage, Object key) {
        TASKS.get(stage).remove(key);
    }

    /** Whether the JVM is shutting down (the hook is running). */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    private static void runAll() {
        shuttingDown = true;
        for (Stage stage : Stage.values()) {
            List<Runnable> tasks;
            synchronized (ShutdownGuard.class) {
                tasks = new ArrayList<>(TASKS.get(stage).values());
                TASKS.get(stage).clear();
            }
            if (stage == Stage.FAULTS && !tasks.isEmpty()) {
                LOG.log(Level.WARNING, "chaos-junit: JVM is shutting down with " + tasks.size()
                        + " active fault(s); reverting them");
            }
            for (Runnable task : tasks) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "chaos-junit: cleanup at shutdown failed: " + e);
                }
            }
        }
    }
}
