package dev.chaosjunit.k8s.internal;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import dev.chaosjunit.k8s.internal.network.Netem;
import dev.chaosjunit.k8s.internal.network.Partition;
import dev.chaosjunit.k8s.internal.network.PodNetwork;
import dev.chaosjunit.k8s.internal.rollout.Deployments;
import dev.chaosjunit.k8s.internal.select.PickMode;
import dev.chaosjunit.k8s.internal.select.Selector;
import dev.chaosjunit.k8s.internal.stress.Images;
import dev.chaosjunit.k8s.internal.stress.NodeStress;
import dev.chaosjunit.k8s.internal.stress.PodStress;
import dev.chaosjunit.k8s.internal.stress.StressCommand;
import dev.chaosjunit.k8s.janitor.Janitor;
import dev.chaosjunit.k8s.janitor.JanitorCommand;
import dev.chaosjunit.k8s.testing.ClusterSimulator;
import dev.chaosjunit.k8s.testing.Fixtures;
import dev.chaosjunit.k8s.testing.KubeFixtures;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RbacAuditing;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Stress, network, partition, scale and the janitor against the mock server. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(RbacAuditing.class)
class ClusterFaultsTest {

    static KubernetesMockServer server;
    static KubernetesClient client;
    private static final AtomicInteger N = new AtomicInteger();

    private final String ns = "faults-" + N.incrementAndGet();
    private KubernetesClient subject;
    private final Marks marks = new Marks("run-7", Instant.now().plusSeconds(3600));

    @BeforeEach
    void setUp() {
        server.clearExpectations();
        MockApi.version(server, 30);
        subject = MockApi.subjectClient(server);
    }

    @AfterEach
    void close() {
        subject.close();
    }

    @Test
    void cpuStressAddsOneEphemeralContainerThatEndsByItself() {
        List<Pod> pods = Fixtures.createPods(client, ns, "orders", 2, Map.of("app", "orders"));
        pods.forEach(p -> MockApi.usual(server, client, p));
        var command = new StressCommand(StressCommand.Resource.CPU, 2, 80, "", Duration.ofSeconds(30));
        new PodStress(subject, new ClusterCalls(false)).start(List.of(pods.get(0)), command, Images.STRESS_NG,
                "chaos-cpu-1", marks);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.pods().inNamespace(ns)
                .withName("orders-0").get().getSpec().getEphemeralContainers()).singleElement().satisfies(c -> {
                    assertThat(c.getCommand()).containsExactly("stress-ng", "--cpu", "2", "--cpu-load", "80",
                            "--timeout", "30s", "--metrics-brief");
                    assertThat(c.getImage()).isEqualTo(Images.STRESS_NG).contains("@sha256:");
                }));
        assertThat(client.pods().inNamespace(ns).withName("orders-1").get().getSpec().getEphemeralContainers())
                .isNullOrEmpty();
    }

    @Test
    void oldApiServersAreRefusedForEphemeralContainers() {
        server.clearExpectations();
        MockApi.version(server, 24);
        Pod pod = Fixtures.createPods(client, ns, "orders", 1, Map.of("app", "orders")).get(0);
        var command = new StressCommand(StressCommand.Resource.MEMORY, 1, 0, "256M", Duration.ofSeconds(5));
        assertThatThrownBy(() -> new PodStress(subject, new ClusterCalls(false)).start(List.of(pod), command,
                Images.STRESS_NG, "chaos-mem-1", marks)).isInstanceOf(GuardrailException.class).hasMessage("stress in"
                        + " a pod needs ephemeral containers, stable since Kubernetes 1.25; the API server reports"
                        + " version 1.24");
    }

    @Test
    void netemScriptRemovesItsOwnRuleAndHostNetworkPodsAreRefused() {
        Netem netem = new Netem(Duration.ofMillis(300), Duration.ofMillis(50), 0, 0, "eth0", Duration.ofSeconds(20));
        assertThat(netem.command().get(2)).isEqualTo("tc qdisc add dev eth0 root netem delay 300ms 50ms || exit 1;"
                + " cleanup() { tc qdisc del dev eth0 root netem 2>/dev/null; exit 0; }; trap cleanup TERM INT HUP;"
                + " sleep 20 & wait $!; cleanup");
        Pod pod = Fixtures.pod(ns, "host", Map.of("app", "x"), true);
        pod.getSpec().setHostNetwork(true);
        Pod stored = client.pods().inNamespace(ns).resource(pod).create();
        assertThatThrownBy(() -> new PodNetwork(subject, new ClusterCalls(false)).start(List.of(stored), netem,
                Images.NETWORK_TOOLS, "chaos-net-1", marks)).hasMessage("pod " + ns + "/host uses hostNetwork: a"
                        + " network fault in it would change the node's network, so it is refused");
    }

    @Test
    void nodeStressPodsArePinnedTolerantAndDeletedOnRevert() {
        for (String n : List.of("node-a", "node-b")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).addToLabels("pool", "apps")
                    .endMetadata().build()).create();
        }
        Guardrails g = new Guardrails(GuardrailSettings.read(k -> Optional.empty()).allowingNamespaces("chaos-junit"));
        NodeStress stress = new NodeStress(subject, new ClusterCalls(false), g);
        var nodes = stress.chooseNodes(Selector.parse("pool=apps"), PickMode.ALL, 0, new Random(1));
        var names = stress.start(nodes, new StressCommand(StressCommand.Resource.CPU, 1, 100, "", Duration.ofSeconds(180)),
                Images.STRESS_NG, "chaos-node-1", marks);
        Pod p = client.pods().inNamespace("chaos-junit").withName(names.get(0)).get();
        assertThat(p.getSpec().getNodeName()).isIn("node-a", "node-b");
        assertThat(p.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(p.getSpec().getActiveDeadlineSeconds()).isEqualTo(210L);
        assertThat(p.getSpec().getTolerations()).singleElement().satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
        assertThat(p.getMetadata().getLabels()).containsEntry(Marks.RUN_LABEL, "run-7");
        stress.stop(names);
        assertThat(client.pods().inNamespace("chaos-junit").list().getItems()).isEmpty();
        Guardrails notAllowed = new Guardrails(GuardrailSettings.read(k -> Optional.empty()));
        assertThatThrownBy(() -> new NodeStress(subject, new ClusterCalls(false), notAllowed).chooseNodes(null,
                PickMode.ONE, 0, new Random(1))).hasMessageStartingWith("namespace \"chaos-junit\" is not allowed (it is"
                        + " the chaos namespace");
    }

    @Test
    void partitionIsANetworkPolicyDeletedOnRevert() {
        Partition partition = new Partition(subject, new ClusterCalls(false));
        partition.start(ns, Selector.parse("app=carts-db,tier in (db)"), Partition.Direction.BOTH, "chaos-part-1", marks);
        var policy = client.network().v1().networkPolicies().inNamespace(ns).withName("chaos-part-1").get();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).hasSize(2);
        assertThat(policy.getMetadata().getAnnotations()).containsKey(Marks.EXPIRES);
        partition.stop(ns, "chaos-part-1");
        assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void scaleIsRevertedToTheOriginalCountByTheJanitorOnceExpired(@TempDir Path dir) throws Exception {
        try (ClusterSimulator sim = new ClusterSimulator(client, server, ns, Duration.ofMillis(50))) {
            sim.createDeployment("carts", "example/carts:1", 3, 600);
            sim.start(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(60)).until(() -> client.apps().deployments().inNamespace(ns)
                    .withName("carts").get().getMetadata().getAnnotations() != null);
            Marks expired = new Marks("run-crashed", Instant.now().minusSeconds(5));
            Deployments deployments = new Deployments(subject, new ClusterCalls(false));
            assertThat(deployments.scale(deployments.get(ns, "carts"), 1, expired)).isEqualTo(3);
            // a leftover node-stress-like pod and a partition of the crashed run
            Pod leftover = Fixtures.pod(ns, "chaos-leftover", Map.of(Marks.RUN_LABEL, "run-crashed"), true);
            expired.applyTo(leftover.getMetadata());
            client.pods().inNamespace(ns).resource(leftover).create();
            new Partition(subject, new ClusterCalls(false)).start(ns, Selector.parse("app=carts"),
                    Partition.Direction.INGRESS, "chaos-part-old", expired);
            new Partition(subject, new ClusterCalls(false)).start(ns, Selector.parse("app=carts"),
                    Partition.Direction.INGRESS, "chaos-part-live", marks);

            List<String> dry = Janitor.clean(subject, List.of(ns), true, Clock.systemUTC());
            assertThat(dry).hasSize(3).allMatch(l -> l.startsWith("would have "));
            assertThat(client.pods().inNamespace(ns).withName("chaos-leftover").get()).isNotNull();

            List<String> done = Janitor.clean(subject, List.of(ns), false, Clock.systemUTC());
            assertThat(done).containsExactlyInAnyOrder(
                    "deleted pod " + ns + "/chaos-leftover of run run-crashed (expired " + expired.expires() + ")",
                    "deleted network policy " + ns + "/chaos-part-old of run run-crashed (expired " + expired.expires() + ")",
                    "deployment " + ns + "/carts of run run-crashed: scaled back to 3");
            var carts = client.apps().deployments().inNamespace(ns).withName("carts").get();
            assertThat(carts.getSpec().getReplicas()).isEqualTo(3);
            assertThat(carts.getMetadata().getLabels()).doesNotContainKey(Marks.RUN_LABEL);
            assertThat(client.network().v1().networkPolicies().inNamespace(ns).withName("chaos-part-live").get())
                    .as("not expired: left alone").isNotNull();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path kubeconfig = KubeFixtures.kubeconfig(server, dir, "kind-mock");
            int code = JanitorCommand.run(new String[] {"janitor", "--context", "kind-mock", "--kubeconfig",
                    kubeconfig.toString(), "--namespaces", ns}, new PrintStream(out, true), new PrintStream(err, true));
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("janitor on context kind-mock, namespaces [" + ns + "]: nothing expired");
            assertThat(JanitorCommand.run(new String[] {"janitor"}, new PrintStream(out), new PrintStream(err)))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("--context and --namespaces are required");
            sim.check();
        }
    }
}
