package dev.chaosjunit.k8s.realcluster;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.k8s.KillPod;
import dev.chaosjunit.k8s.ReadyReplicas;
import dev.chaosjunit.k8s.RecoveryTime;
import dev.chaosjunit.k8s.Rollout;
import dev.chaosjunit.k8s.RolloutExpectation;
import dev.chaosjunit.k8s.testing.KubeFixture;
import dev.chaosjunit.k8s.testing.KubeFixtures;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock-server scenarios against a real cluster (written for kind): pod kill with recovery, a new version that
 * completes, and an unpullable version that Kubernetes refuses (its pods never become ready), each reverted. Uses its own namespace
 * {@code chaos-junit-it}, deleted at the end.
 */
@EnabledOnRealCluster
class RealClusterScenarioTest {

    static final String NS = "chaos-junit-it";
    static KubernetesClient client;

    @TempDir
    Path dir;

    private Map<String, String> params;

    @BeforeAll
    static void namespace() {
        client = new KubernetesClientBuilder().build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .serverSideApply();
        client.apps().deployments().inNamespace(NS).resource(deployment("web", "registry.k8s.io/pause:3.9")).serverSideApply();
        client.apps().deployments().inNamespace(NS).withName("web").waitUntilCondition(d -> d.getStatus() != null
                && Integer.valueOf(3).equals(d.getStatus().getReadyReplicas()), 5, TimeUnit.MINUTES);
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(NS).delete();
            client.close();
        }
    }

    static Deployment deployment(String name, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().withNewSpec()
                .withReplicas(3).withProgressDeadlineSeconds(30).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    @BeforeEach
    void params() {
        params = new HashMap<>();
        params.put("chaos.k8s.allowedNamespaces", NS);
        params.put("chaos.journal.dir", dir.toString());
    }

    private void assertPasses(String method) {
        var r = KubeFixtures.runMethod(Scenarios.class, method, params);
        assertThat(r.testEvents().succeeded().count()).as(KubeFixtures.summary(r)).isEqualTo(1);
        Deployment d = client.apps().deployments().inNamespace(NS).withName("web").get();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.k8s.io/pause:3.9");
    }

    @Test
    void killAndRecover() {
        assertPasses("killAndRecover");
    }

    @Test
    void newVersionCompletes() {
        assertPasses("newVersion");
    }

    @Test
    void unhealthyVersionIsRefused() {
        assertPasses("unhealthyVersion");
    }

    @KubeFixture
    static class Scenarios {

        @ChaosTest(window = "5s")
        @KillPod(namespace = NS, selector = "app=web")
        @RecoveryTime(namespace = NS, deployment = "web", max = "120s")
        void killAndRecover() {
        }

        @ChaosTest
        @Rollout(namespace = NS, deployment = "web", image = "registry.k8s.io/pause:3.10", within = "3m")
        @ReadyReplicas(namespace = NS, deployment = "web", min = 2)
        void newVersion() {
        }

        @ChaosTest
        @Rollout(namespace = NS, deployment = "web", image = "registry.k8s.io/pause:does-not-exist",
                expect = RolloutExpectation.REFUSED, within = "3m")
        @ReadyReplicas(namespace = NS, deployment = "web", min = 3)
        void unhealthyVersion() {
        }
    }
}
