package dev.chaosjunit.k8s.internal;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import dev.chaosjunit.k8s.internal.pod.PodKiller;
import dev.chaosjunit.k8s.internal.select.PickMode;
import dev.chaosjunit.k8s.internal.select.Selector;
import dev.chaosjunit.k8s.internal.select.TargetSelection;
import dev.chaosjunit.k8s.testing.Fixtures;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RbacAuditing;
import dev.chaosjunit.k8s.testing.RequestAudit;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
@ExtendWith(RbacAuditing.class)
class PodKillTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private KubernetesClient subject;
    private final Guardrails guardrails = new Guardrails(GuardrailSettings.read(k -> java.util.Optional.empty())
            .allowingNamespaces("shop"));

    @BeforeEach
    void pods() {
        subject = MockApi.subjectClient(server);
        client.pods().inNamespace("shop").delete();
        List<Pod> pods = Fixtures.createPods(client, "shop", "front-end", 4, Map.of("name", "front-end"));
        Fixtures.createPods(client, "shop", "orders", 2, Map.of("name", "orders"));
        pods.forEach(p -> MockApi.usual(server, client, p));
    }

    private TargetSelection.Targets choose(PickMode mode, int value, long seed) {
        return TargetSelection.choose(subject, guardrails, "kill", "shop", Selector.parse("name=front-end"), mode, value,
                new Random(seed), true, false);
    }

    @Test
    void evictsOneSeededPodAndItIsGone() {
        var targets = choose(PickMode.ONE, 0, 42);
        assertThat(targets.chosen()).hasSize(1);
        assertThat(choose(PickMode.ONE, 0, 42).ids()).as("same seed, same pod").isEqualTo(targets.ids());
        var outcomes = new PodKiller(subject, new ClusterCalls(false)).kill(targets.chosen(), OptionalLong.empty(), false);
        assertThat(outcomes).extracting(PodKiller.Outcome::result).containsExactly(PodKiller.Result.KILLED);
        String name = targets.chosen().get(0).getMetadata().getName();
        await().until(() -> client.pods().inNamespace("shop").withName(name).get() == null);
        assertThat(client.pods().inNamespace("shop").list().getItems()).hasSize(5);
    }

    @Test
    void aDisruptionBudgetRefusalIsReportedAsBlockedNotAsAKill() {
        var targets = choose(PickMode.ONE, 0, 7);
        String name = targets.chosen().get(0).getMetadata().getName();
        server.clearExpectations();
        MockApi.protectedByBudget(server, "shop", name);
        var outcomes = new PodKiller(subject, new ClusterCalls(false)).kill(targets.chosen(), OptionalLong.empty(), false);
        assertThat(outcomes).extracting(Object::toString)
                .containsExactly("shop/" + name + ": blocked by a disruption budget");
        assertThat(client.pods().inNamespace("shop").withName(name).get()).isNotNull();
    }

    @Test
    void plainDeleteOnRequest() {
        var targets = choose(PickMode.COUNT, 2, 1);
        var calls = new ClusterCalls(false);
        var outcomes = new PodKiller(subject, calls).kill(targets.chosen(), OptionalLong.of(0), true);
        assertThat(outcomes).extracting(PodKiller.Outcome::result).containsOnly(PodKiller.Result.KILLED);
        assertThat(calls.log()).allMatch(l -> l.startsWith("DELETE pods shop/front-end-") && l.endsWith("(grace 0s)"));
        assertThat(client.pods().inNamespace("shop").withLabel("name", "front-end").list().getItems()).hasSize(2);
    }

    @Test
    void percentRoundsDownButPicksAtLeastOne() {
        assertThat(PickMode.PERCENT.howMany(4, 50)).isEqualTo(2);
        assertThat(PickMode.PERCENT.howMany(4, 10)).isEqualTo(1);
        assertThat(PickMode.PERCENT.howMany(3, 99)).isEqualTo(2);
    }

    @Test
    void killingAllIsRefusedByTheShareCapWithTheNumbers() {
        assertThatThrownBy(() -> choose(PickMode.ALL, 0, 1)).isInstanceOf(GuardrailException.class)
                .hasMessage("kill would touch 4 of 4 ready matching pods (100%), more than the cap of 50%"
                        + " (chaos.k8s.maxShare)");
    }

    @Test
    void minReadyIsKept() {
        Guardrails strict = new Guardrails(GuardrailSettings.read(k -> java.util.Optional.ofNullable(Map.of(
                "chaos.k8s.allowedNamespaces", "shop", "chaos.k8s.minReady", "3").get(k))));
        assertThatThrownBy(() -> TargetSelection.choose(subject, strict, "kill", "shop", Selector.parse("name=front-end"),
                PickMode.COUNT, 2, new Random(1), true, false)).hasMessage("kill would leave 2 of 4 ready matching pods,"
                        + " fewer than minReady 3 (chaos.k8s.minReady)");
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        subject.close();
    }

    @Test
    void dryRunChoosesAndListsButChangesNothing() throws InterruptedException {
        RequestAudit.of(server).drain(server);
        var targets = choose(PickMode.COUNT, 2, 3);
        var calls = new ClusterCalls(true);
        var outcomes = new PodKiller(subject, calls).kill(targets.chosen(), OptionalLong.empty(), false);
        assertThat(outcomes).extracting(PodKiller.Outcome::result).containsOnly(PodKiller.Result.WOULD_KILL);
        assertThat(calls.log()).containsExactlyElementsOf(targets.ids().stream()
                .map(id -> "would POST pods/eviction " + id + " (grace: the pod's own)").toList());
        assertThat(client.pods().inNamespace("shop").list().getItems()).hasSize(6);
        assertThat(RequestAudit.of(server).subjectChangesSinceLastDrain(server)).isEmpty();
    }
}
