package dev.chaosjunit.fault;

/**
 * The JVM-wide safety net: one shutdown hook that, if the JVM ends (SIGTERM, System.exit) while faults are active,
 * reverts them, then removes proxies this JVM created, then stops servers this JVM started, in that order. A fault
 * registered after the hook began (an {@code every=} schedule firing meanwhile) is still reverted: in the same pass,
 * or at once by the registering thread if the hook already passed the faults.
 *
 * <p>This is the only JVM-wide mutable state of the extension: it must outlive every {@code ExtensionContext}.
 */
public final class ShutdownGuard {

    /** Cleanup stages, run in this order. */
    public enum Stage {
        FAULTS, PROXIES, SERVERS
    }

    private static final CleanupStages STAGES = new CleanupStages();
    private static boolean hookInstalled;

    private ShutdownGuard() {
    }

    /**
     * Registers {@code task} under {@code key} until {@link #unregister}; it runs only if the JVM ends first (at once,
     * if the shutdown hook already passed {@code stage}).
     */
    public static void register(Stage stage, Object key, Runnable task) {
        synchronized (ShutdownGuard.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(STAGES::runAll, "chaos-junit-shutdown"));
                hookInstalled = true;
            }
        }
        STAGES.register(stage, key, task);
    }

    public static void unregister(Stage stage, Object key) {
        STAGES.unregister(stage, key);
    }

    /** Whether the JVM is shutting down (the hook is running). */
    public static boolean shuttingDown() {
        return STAGES.running();
    }
}
