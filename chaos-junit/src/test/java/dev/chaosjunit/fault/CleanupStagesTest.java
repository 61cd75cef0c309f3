package dev.chaosjunit.fault;

import static dev.chaosjunit.fault.ShutdownGuard.Stage.FAULTS;
import static dev.chaosjunit.fault.ShutdownGuard.Stage.PROXIES;
import static dev.chaosjunit.fault.ShutdownGuard.Stage.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The shutdown hook's stages. The cases that matter: an {@code every=} schedule starts a fault after the hook began,
 * while it reverts the faults or after it moved on; the fault must still be reverted.
 */
class CleanupStagesTest {

    private final CleanupStages stages = new CleanupStages();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void stagesRunInOrderAndUnregisteredTasksDoNotRun() {
        stages.register(SERVERS, "s", () -> ran.add("stop server"));
        stages.register(PROXIES, "p", () -> ran.add("delete proxy"));
        stages.register(FAULTS, "f", () -> ran.add("revert fault"));
        stages.register(FAULTS, "reverted", () -> ran.add("revert a reverted fault"));
        stages.unregister(FAULTS, "reverted");

        stages.runAll();

        assertThat(ran).containsExactly("revert fault", "delete proxy", "stop server");
        assertThat(stages.running()).isTrue();
    }

    @Test
    void aFaultRegisteredWhileTheHookRevertsFaultsIsRevertedBeforeTheProxiesGo() {
        stages.register(FAULTS, "first", () -> {
            ran.add("revert first");
            stages.register(FAULTS, "late", () -> ran.add("revert late"));   // the schedule fired meanwhile
        });
        stages.register(PROXIES, "p", () -> ran.add("delete proxy"));

        stages.runAll();

        assertThat(ran).containsExactly("revert first", "revert late", "delete proxy");
    }

    @Test
    void aFaultRegisteredAfterTheHookPassedTheFaultsIsRevertedAtOnce() {
        stages.register(PROXIES, "p", () -> {
            ran.add("delete proxy");
            stages.register(FAULTS, "late", () -> ran.add("revert late"));
        });
        stages.runAll();
        assertThat(ran).containsExactly("delete proxy", "revert late");

        stages.register(FAULTS, "later", () -> ran.add("revert later"));   // the hook has finished
        assertThat(ran).containsExactly("delete proxy", "revert late", "revert later");
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        stages.register(FAULTS, "bad", () -> {
            throw new IllegalStateException("server gone");
        });
        stages.register(FAULTS, "good", () -> ran.add("revert good"));
        stages.runAll();
        assertThat(ran).containsExactly("revert good");
    }
}
