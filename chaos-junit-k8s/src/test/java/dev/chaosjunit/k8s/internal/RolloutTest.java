package dev.chaosjunit.k8s.internal;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.rollout.RolloutRun;
import dev.chaosjunit.k8s.internal.rollout.RolloutStatus;
import dev.chaosjunit.k8s.testing.ClusterSimulator;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RbacAuditing;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The four rollout experiments of the rollout-safety seed, against the mock server and the cluster simulator. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(RbacAuditing.class)
class RolloutTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    // Generous bound: the simulator makes a healthy pod ready after 100 ms; a busy machine may stall for seconds,
    // so 60 s is far from both the expected ~1 s and "never" (an unhealthy version is judged by its own deadline).
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static final java.util.concurrent.atomic.AtomicInteger NAMESPACES = new java.util.concurrent.atomic.AtomicInteger();

    private final String ns = "shop-" + NAMESPACES.incrementAndGet(); // the store outlives each test
    private ClusterSimulator sim;
    private KubernetesClient subject;
    private final Marks marks = new Marks("run-1", Instant.now().plusSeconds(3600));

    @BeforeEach
    void cluster() {
        subject = MockApi.subjectClient(server);
        sim = new ClusterSimulator(client, server, ns, Duration.ofMillis(100)).start(Duration.ofMillis(50));
        sim.createDeployment("service2", "example/service2:v1", 3, 2);
        await().atMost(SETTLE).until(() -> RolloutStatus.of(deployment()).state() == RolloutStatus.State.COMPLETE);
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
    }

    @AfterEach
    void stop() {
        sim.close();
        sim.check();
        subject.close();
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(ns).withName("service2").get();
    }

    private RolloutStatus rollTo(RolloutRun run, String image) throws InterruptedException {
        run.start("", image, marks);
        return run.await(SETTLE);
    }

    @Test
    void sameVersionCompletes() throws InterruptedException {
        RolloutRun run = new RolloutRun(subject, new ClusterCalls(false), ns, "service2");
        RolloutStatus s = rollTo(run, "example/service2:v1");
        assertThat(RolloutRun.judge(RolloutRun.Expectation.COMPLETES, s)).isEqualTo("deployment \"service2\" successfully rolled out");
        assertThat(deployment().getMetadata().getLabels()).containsEntry(Marks.RUN_LABEL, "run-1");
        assertThat(run.revert()).isEqualTo("already at the template of revision 1");
        assertThat(deployment().getMetadata().getLabels()).doesNotContainKey(Marks.RUN_LABEL);
    }

    @Test
    void newVersionCompletesAndIsRolledBackToTheRecordedRevision() throws InterruptedException {
        RolloutRun run = new RolloutRun(subject, new ClusterCalls(false), ns, "service2");
        RolloutStatus s = rollTo(run, "example/service2:v2");
        assertThat(s.state()).isEqualTo(RolloutStatus.State.COMPLETE);
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry(Marks.ROLLBACK_REVISION, "1")
                .containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(run.revert()).isEqualTo("rolled back to revision 1");
        await().atMost(SETTLE).until(() -> RolloutStatus.of(deployment()).state() == RolloutStatus.State.COMPLETE
                && deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                        .equals("example/service2:v1"));
        assertThat(deployment().getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        assertThat(deployment().getMetadata().getAnnotations()).doesNotContainKey(Marks.ROLLBACK_REVISION)
                .containsEntry("deployment.kubernetes.io/revision", "3");
    }

    @Test
    void unhealthyVersionIsRefusedAndTheOldPodsKeepServing() throws InterruptedException {
        RolloutRun run = new RolloutRun(subject, new ClusterCalls(false), ns, "service2");
        RolloutStatus s = rollTo(run, "example/service2:unhealthy");
        assertThat(RolloutRun.judge(RolloutRun.Expectation.REFUSED, s))
                .isEqualTo("deployment \"service2\" exceeded its progress deadline");
        assertThat(RolloutRun.judge(RolloutRun.Expectation.COMPLETES, s))
                .startsWith("expected the rollout to complete, but: ");
        assertThat(deployment().getStatus().getReadyReplicas()).isEqualTo(3);
        run.revert();
        await().atMost(SETTLE).until(() -> RolloutStatus.of(deployment()).state() == RolloutStatus.State.COMPLETE);
        assertThat(deployment().getStatus().getUpdatedReplicas()).isEqualTo(3);
    }

    @Test
    void slowVersionCompletesForKubernetes() throws InterruptedException {
        // the simulator cannot show slowness: Kubernetes sees a ready pod; only a load on a real service sees latency
        RolloutRun run = new RolloutRun(subject, new ClusterCalls(false), ns, "service2");
        assertThat(rollTo(run, "example/service2:slow").state()).isEqualTo(RolloutStatus.State.COMPLETE);
        assertThat(run.revert()).isEqualTo("rolled back to revision 1");
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        dev.chaosjunit.k8s.testing.RequestAudit.of(server).drain(server);
        ClusterCalls calls = new ClusterCalls(true);
        RolloutRun run = new RolloutRun(subject, calls, ns, "service2");
        run.start("", "example/service2:v2", marks);
        run.revert();
        assertThat(dev.chaosjunit.k8s.testing.RequestAudit.of(server).subjectChangesSinceLastDrain(server)).isEmpty();
        assertThat(calls.log()).first().asString().startsWith("would PATCH deployments " + ns + "/service2 (merge patch: mark run run-1");
        assertThat(calls.log().get(1)).isEqualTo("would PATCH deployments " + ns + "/service2 (JSON Patch: image of container"
                + " service2 -> example/service2:v2)");
    }
}
