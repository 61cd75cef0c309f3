package dev.chaosjunit.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

/**
 * The Testcontainers backend. Its real test needs Docker and disables itself with a reason without it; this class
 * proves that the reason shows (or, where Docker exists, that the test passes).
 */
class ToxiproxyContainerBackendTest {

    /** Runs against a real ToxiproxyContainer; a proxy to the container's own API port (inside the container). */
    @ExtendWith(DockerAvailable.class)
    @Fixture
    static class WithContainer {
        static ToxiproxyContainer toxiproxy;
        @RegisterExtension
        static ChaosExtension chaos;

        static {
            if (new DockerAvailable().evaluateExecutionCondition(null).isDisabled()) {
                chaos = ChaosExtension.builder().build();
            } else {
                toxiproxy = new ToxiproxyContainer("ghcr.io/shopify/toxiproxy:2.12.0");
                toxiproxy.start();
                chaos = ChaosExtension.builder().toxiproxy(ToxiproxyContainers.backend(toxiproxy))
                        .proxy("api", "127.0.0.1:8474").build();
            }
        }

        @AfterAll
        static void stop() {
            if (toxiproxy != null) {
                toxiproxy.stop();
            }
        }

        @Test
        @InjectLatency(proxy = "api", latency = "300ms", stream = dev.chaosjunit.network.Direction.UPSTREAM)
        void latencyThroughTheContainer(ChaosRun run) throws Exception {
            long start = System.nanoTime();
            try (Socket s = new Socket(run.proxy("api").host(), run.proxy("api").port())) {
                s.getOutputStream().write("GET /version HTTP/1.0\r\n\r\n".getBytes());
                s.getInputStream().read();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        }
    }

    @Test
    void runsWithDockerOrIsDisabledWithAClearReason() {
        EngineExecutionResults results = Fixtures.run(WithContainer.class);
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (docker) {
            Fixtures.assertCounts(results, 1, 0);
        } else {
            List<Event> skipped = results.containerEvents().skipped().list();
            assertThat(skipped).hasSize(1);
            assertThat(skipped.get(0).getPayload(String.class)).hasValue(DockerAvailable.REASON);
        }
    }
}
