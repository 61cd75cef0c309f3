package dev.chaosjunit.k8s.extension;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.k8s.CpuStress;
import dev.chaosjunit.k8s.KillPod;
import dev.chaosjunit.k8s.ReadyReplicas;
import dev.chaosjunit.k8s.RecoveryTime;
import dev.chaosjunit.k8s.Rollout;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.testing.ClusterSimulator;
import dev.chaosjunit.k8s.testing.KubeFixture;
import dev.chaosjunit.k8s.testing.KubeFixtures;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RbacAuditing;
import dev.chaosjunit.k8s.testing.RequestAudit;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A test with {@code @KillPod}, {@code @CpuStress} and a {@code @Rollout}, run through the JUnit Platform against the
 * mock server and the cluster simulator: verdicts in the journal, and the rollout reverted on every outcome.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(RbacAuditing.class)
class ShopUnderChaosTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    private ClusterSimulator sim;
    private Map<String, String> params;

    @BeforeEach
    void shop() throws IOException {
        server.clearExpectations(); // expectations outlive a test on the class's server
        MockApi.version(server, 30);
        MockApi.accessReviewsFromShippedRoles(server);
        client.apps().deployments().inNamespace("shop").delete();
        client.apps().replicaSets().inNamespace("shop").delete();
        client.pods().inNamespace("shop").delete();
        sim = new ClusterSimulator(client, server, "shop", Duration.ofMillis(100)).start(Duration.ofMillis(50));
        sim.createDeployment("front-end", "example/front-end:1", 4, 600);
        sim.createDeployment("orders", "example/orders:1", 2, 600);
        sim.createDeployment("service2", "example/service2:v1", 3, 600);
        // far above the ~1 s the simulator needs, far below "never"
        await().atMost(Duration.ofSeconds(60)).until(() -> Stream.of("front-end", "orders", "service2")
                .allMatch(d -> ready(d) && revision(d) != null));
        params = new HashMap<>();
        params.put("chaos.k8s.kubeconfig", KubeFixtures.kubeconfig(server, dir, "kind-mock").toString());
        params.put("chaos.k8s.allowedNamespaces", "shop");
        params.put("chaos.k8s.janitor", "false");
        params.put("chaos.seed", "4");
        params.put("chaos.journal.dir", dir.resolve("journal").toString());
    }

    @AfterEach
    void stop() {
        sim.close();
        sim.check();
    }

    private boolean ready(String name) {
        Deployment d = client.apps().deployments().inNamespace("shop").withName(name).get();
        return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                && d.getStatus().getReadyReplicas().equals(d.getSpec().getReplicas())
                && d.getStatus().getUpdatedReplicas() != null
                && d.getStatus().getUpdatedReplicas().equals(d.getSpec().getReplicas());
    }

    private String revision(String name) {
        var a = client.apps().deployments().inNamespace("shop").withName(name).get().getMetadata().getAnnotations();
        return a == null ? null : a.get("deployment.kubernetes.io/revision");
    }

    private Deployment service2() {
        return client.apps().deployments().inNamespace("shop").withName("service2").get();
    }

    private void assertService2Restored() {
        await().atMost(Duration.ofSeconds(60)).until(() -> ready("service2"));
        Deployment d = service2();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example/service2:v1");
        assertThat(d.getMetadata().getLabels()).doesNotContainKey(Marks.RUN_LABEL);
        assertThat(d.getMetadata().getAnnotations()).doesNotContainKey(Marks.ROLLBACK_REVISION);
    }

    private String journal() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("journal"))) {
            Path json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            return Files.readString(json);
        }
    }

    @Test
    void killCpuStressAndRolloutPassWithVerdictsInTheJournal() throws Exception {
        EngineExecutionResults r = KubeFixtures.runMethod(Shop.class, "underChaos", params);
        assertThat(r.testEvents().succeeded().count()).as(KubeFixtures.summary(r)).isEqualTo(1);
        String journal = journal();
        assertThat(journal).contains("ready replicas shop/front-end", "recovery shop/front-end",
                "rollout shop/service2", "deployment \\\"service2\\\" successfully rolled out",
                "POST pods/eviction shop/front-end-", "PATCH pods/ephemeralcontainers shop/orders-",
                "stress-ng --cpu 1 --cpu-load 50 --timeout 2s", "rolled back to revision 1");
        assertThat(journal).containsPattern("fully ready \\d+ ms after the fault event <= 60000 ms");
        assertService2Restored();
        // the stress container is on the chosen pod, with the run id
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                client.pods().inNamespace("shop").withLabel("app", "orders").list().getItems()).anySatisfy(p -> assertThat(p.getSpec().getEphemeralContainers()).singleElement()
                        .satisfies(c -> assertThat(c.getEnv()).anyMatch(e -> e.getName().equals("CHAOS_JUNIT_RUN")))));
    }

    @Test
    void aFailedAssertionStillRollsBack() {
        Throwable t = KubeFixtures.failure(KubeFixtures.runMethod(Shop.class, "failsAssertion", params));
        assertThat(t).hasMessage("the body failed");
        assertService2Restored();
    }

    @Test
    void anExceptionStillRollsBack() {
        Throwable t = KubeFixtures.failure(KubeFixtures.runMethod(Shop.class, "throwsException", params));
        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertService2Restored();
    }

    @Test
    void aTimeoutStillRollsBack() {
        Throwable t = KubeFixtures.failure(KubeFixtures.runMethod(Shop.class, "timesOut", params));
        assertThat(t).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertService2Restored();
    }

    @Test
    void anInterruptStillRollsBack() {
        KubeFixtures.runMethod(Shop.class, "interrupted", params);
        assertService2Restored();
    }

    @Test
    void dryRunListsTargetsAndCallsAndChangesNothing() throws Exception {
        RequestAudit.of(server).drain(server);
        params.put("chaos.dryRun", "true");
        EngineExecutionResults r = KubeFixtures.runMethod(Shop.class, "underChaos", params);
        assertThat(r.testEvents().failed().count()).as(KubeFixtures.summary(r)).isZero();
        assertThat(RequestAudit.of(server).subjectChangesSinceLastDrain(server)).isEmpty();
        assertThat(journal()).contains("would POST pods/eviction shop/front-end-",
                "would PATCH pods/ephemeralcontainers shop/orders-",
                "would PATCH deployments shop/service2 (JSON Patch: image of container service2 -> example/service2:v2)");
    }

    @Test
    void theJanitorRunsOnceWhenTheFirstKubernetesAnnotationIsResolved() {
        var leftover = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder().withNewMetadata()
                .withName("chaos-left-behind").withNamespace("shop").addToLabels(Marks.RUN_LABEL, "crashed")
                .addToAnnotations(Marks.EXPIRES, java.time.Instant.now().minusSeconds(60).toString()).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().endSpec().build();
        client.network().v1().networkPolicies().inNamespace("shop").resource(leftover).create();
        params.put("chaos.k8s.janitor", "true");
        KubeFixtures.runMethod(Shop.class, "throwsException", params);
        assertThat(client.network().v1().networkPolicies().inNamespace("shop").withName("chaos-left-behind").get())
                .isNull();
        assertService2Restored();
    }

    @Test
    void aNamespaceNotAllowedIsRefusedBeforeAnythingStarts() throws Exception {
        RequestAudit.of(server).drain(server);
        params.put("chaos.k8s.allowedNamespaces", "");
        Throwable t = KubeFixtures.failure(KubeFixtures.runMethod(Shop.class, "underChaos", params));
        assertThat(t).hasMessageContaining("namespace \"shop\" is not allowed: no namespace is allowed yet; set"
                + " chaos.k8s.allowedNamespaces=shop (a comma-separated list) to let Kubernetes faults touch it");
        assertThat(RequestAudit.of(server).subjectChangesSinceLastDrain(server)).isEmpty();
    }

    @Test
    void aContextNotAllowedIsRefused() throws Exception {
        params.put("chaos.k8s.kubeconfig", KubeFixtures.kubeconfig(server, dir, "prod-eu").toString());
        Throwable t = KubeFixtures.failure(KubeFixtures.runMethod(Shop.class, "underChaos", params));
        assertThat(t).hasMessageContaining("kube context \"prod-eu\" is not allowed: allowed are [kind-*, minikube,"
                + " k3d-*, docker-desktop]; add it to chaos.k8s.allowedContexts");
    }

    @Test
    void aMissingPermissionIsListedBeforeAnythingStarts() throws Exception {
        server.clearExpectations();
        MockApi.accessReviews(server, p -> !p.subresource().equals("eviction"));
        RequestAudit.of(server).drain(server);
        Throwable t = KubeFixtures.failure(KubeFixtures.runMethod(Shop.class, "underChaos", params));
        assertThat(t).hasMessageContaining("the Kubernetes user lacks 1 permission the declared faults need:"
                + " create pods/eviction in shop");
        assertThat(RequestAudit.of(server).subjectChangesSinceLastDrain(server)).isEmpty();
    }

    @Test
    void networkPartitionScaleAndNodeStressAreInjectedAndReverted() throws Exception {
        for (String n : java.util.List.of("node-a", "node-b")) {
            if (client.nodes().withName(n).get() == null) {
                client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName(n)
                        .endMetadata().build()).create();
            }
        }
        params.put("chaos.k8s.allowedNamespaces", "shop,chaos-junit");
        EngineExecutionResults r = KubeFixtures.runMethod(Shop.class, "otherFaults", params);
        assertThat(r.testEvents().succeeded().count()).as(KubeFixtures.summary(r)).isEqualTo(1);
        String journal = journal();
        assertThat(journal).contains("PATCH pods/ephemeralcontainers shop/front-end-",
                "tc qdisc add dev eth0 root netem delay 200ms 20ms", "POST networkpolicies shop/chaos-",
                "DELETE networkpolicies shop/chaos-", "PATCH deployments shop/service2 (JSON Patch: replicas -> 1)",
                "PATCH deployments shop/service2 (JSON Patch: replicas -> 3)", "POST pods chaos-junit/chaos-",
                "DELETE pods chaos-junit/chaos-");
        assertThat(client.network().v1().networkPolicies().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("chaos-junit").list().getItems()).isEmpty();
        assertThat(service2().getSpec().getReplicas()).isEqualTo(3);
        assertThat(service2().getMetadata().getLabels()).doesNotContainKey(Marks.RUN_LABEL);
    }

    @KubeFixture
    static class Shop {

        @ChaosTest(window = "2s")
        @dev.chaosjunit.k8s.PodNetworkLatency(namespace = "shop", selector = "app=front-end", latency = "200ms",
                jitter = "20ms", duration = "2s")
        @dev.chaosjunit.k8s.PartitionPods(namespace = "shop", selector = "app=orders", duration = "1s")
        @dev.chaosjunit.k8s.ScaleDeployment(namespace = "shop", deployment = "service2", replicas = 1, duration = "1s")
        @dev.chaosjunit.k8s.NodeCpuStress(mode = dev.chaosjunit.k8s.KillMode.ALL, duration = "1s")
        void otherFaults() {
        }

        @ChaosTest(window = "2s")
        @KillPod(namespace = "shop", selector = "app=front-end")
        @CpuStress(namespace = "shop", selector = "app=orders", cores = 1, load = 50, duration = "2s")
        @Rollout(namespace = "shop", deployment = "service2", image = "example/service2:v2", within = "60s")
        @ReadyReplicas(namespace = "shop", deployment = "front-end", min = 2)
        @RecoveryTime(namespace = "shop", deployment = "front-end", max = "60s")
        void underChaos() {
        }

        @ChaosTest
        @Rollout(namespace = "shop", deployment = "service2", image = "example/service2:v2", within = "60s")
        void failsAssertion() {
            throw new AssertionError("the body failed");
        }

        @ChaosTest
        @Rollout(namespace = "shop", deployment = "service2", image = "example/service2:v2", within = "60s")
        void throwsException() {
            throw new IllegalStateException("boom");
        }

        @ChaosTest
        @Timeout(1)
        @Rollout(namespace = "shop", deployment = "service2", image = "example/service2:v2", within = "60s")
        void timesOut() throws InterruptedException {
            Thread.sleep(30_000);
        }

        @ChaosTest
        @Rollout(namespace = "shop", deployment = "service2", image = "example/service2:v2", within = "60s")
        void interrupted() throws InterruptedException {
            Thread.currentThread().interrupt();
            Thread.sleep(1000);
        }
    }
}
