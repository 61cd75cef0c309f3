package dev.chaosjunit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import dev.chaosjunit.testing.Fixture;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.network.ChaosProxy;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Recorded;
import dev.chaosjunit.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A child JVM runs a chaos test against a standalone server (started here) and is killed with SIGTERM mid-test: the
 * shutdown hook reverts the toxic and deletes the proxy. The child's class path has no Testcontainers, proving the
 * core loads without that optional dependency.
 */
class ShutdownHookTest {

    @ChaosProxy(name = "payments", upstream = "127.0.0.1:9")
    @Fixture
    static class Hangs {
        @ChaosTest
        @Recorded(name = "hook")
        @InjectLatency(proxy = "payments", latency = "1s")
        void body() throws InterruptedException {
            Thread.sleep(120_000);
        }
    }

    /** The child JVM's entry point: runs {@link Hangs} against the server at args[0]. */
    public static void main(String[] args) {
        EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(Hangs.class))
                .configurationParameter(dev.chaosjunit.testing.Fixtures.FIXTURE_PARAMETER, "true")
                .configurationParameter("chaos.toxiproxy.url", args[0])
                .configurationParameter("chaos.journal.dir", args[1])
                .execute();
    }

    @Test
    void sigtermMidTestRevertsEverythingOnTheServer(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("faults.log");
        try (ToxiproxyServer server = ToxiproxyServer.start()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            String classPath = Arrays.stream(testClassPath().split(File.pathSeparator))
                    .filter(e -> !e.contains("testcontainers") && !e.contains("docker-java"))
                    .collect(Collectors.joining(File.pathSeparator));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + FaultLog.FILE_PROPERTY + "=" + log, "-cp", classPath, ShutdownHookTest.class.getName(),
                    server.url(), dir.resolve("journal").toString()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.out").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(Files.exists(log) && Files.readString(log).contains("inject hook"))
                        || client.getProxies().isEmpty() || client.getProxies().get(0).toxics().getAll().isEmpty()) {
                    assertThat(child.isAlive()).as("child JVM still running: " + output(dir)).isTrue();
                    assertThat(System.nanoTime()).as("fault started in the child: " + output(dir)).isLessThan(deadline);
                    Thread.sleep(100);
                }
                assertThat(client.getProxies().get(0).toxics().getAll()).hasSize(1);

                child.destroy();   // SIGTERM
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(Files.readString(log)).contains("revert hook chaos-junit-shutdown");
            assertThat(client.getProxies()).as("proxies left on the server").isEmpty();
        }
    }

    private static String testClassPath() {
        String full = System.getProperty("surefire.test.class.path");
        return full != null ? full : System.getProperty("java.class.path");
    }

    private static String output(Path dir) {
        try {
            return Files.exists(dir.resolve("child.out")) ? Files.readString(dir.resolve("child.out")) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

}
