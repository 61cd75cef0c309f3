package dev.chaosjunit.k8s.extension;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.k8s.Rollout;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.testing.ClusterSimulator;
import dev.chaosjunit.k8s.testing.KubeFixture;
import dev.chaosjunit.k8s.testing.KubeFixtures;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RbacAuditing;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A test JVM ended by SIGTERM in the middle of a rollout still rolls it back (the core's shutdown hook). */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(RbacAuditing.class)
class SigtermTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void aSigtermedTestJvmRollsBack() throws Exception {
        server.clearExpectations();
        MockApi.version(server, 30);
        MockApi.accessReviewsFromShippedRoles(server);
        try (ClusterSimulator sim = new ClusterSimulator(client, server, "term", Duration.ofMillis(50))) {
            sim.createDeployment("service2", "example/service2:v1", 2, 600);
            sim.start(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(60)).until(() -> revision() != null);
            Path kubeconfig = KubeFixtures.kubeconfig(server, dir, "kind-term");
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ChildMain.class.getName(), kubeconfig.toString(),
                    dir.resolve("journal").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                // the child's rollout is under way: the Deployment carries its marks and the new image
                await().atMost(Duration.ofSeconds(120)).until(() -> image().equals("example/service2:v2"));
                assertThat(deployment().getMetadata().getLabels()).containsKey(Marks.RUN_LABEL);
                child.destroy(); // SIGTERM
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
            } finally {
                child.destroyForcibly();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> image().equals("example/service2:v1"));
            await().atMost(Duration.ofSeconds(60)).until(() -> deployment().getMetadata().getLabels() == null
                    || !deployment().getMetadata().getLabels().containsKey(Marks.RUN_LABEL));
            sim.check();
        }
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace("term").withName("service2").get();
    }

    private String image() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private String revision() {
        var a = deployment().getMetadata().getAnnotations();
        return a == null ? null : a.get("deployment.kubernetes.io/revision");
    }

    /** The child JVM: runs the fixture, whose body waits far longer than the parent lets it live. */
    public static final class ChildMain {
        public static void main(String[] args) {
            KubeFixtures.runMethod(Child.class, "rollsOutAndWaits", Map.of("chaos.k8s.kubeconfig", args[0],
                    "chaos.k8s.allowedNamespaces", "term", "chaos.k8s.janitor", "false", "chaos.journal.dir", args[1]));
        }
    }

    @KubeFixture
    static class Child {
        @ChaosTest
        @Rollout(namespace = "term", deployment = "service2", image = "example/service2:v2", within = "2s")
        void rollsOutAndWaits() throws InterruptedException {
            Thread.sleep(300_000); // ended by SIGTERM long before
        }
    }
}
