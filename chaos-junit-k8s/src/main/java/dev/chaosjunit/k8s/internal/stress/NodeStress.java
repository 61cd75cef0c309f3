package dev.chaosjunit.k8s.internal.stress;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.select.PickMode;
import dev.chaosjunit.k8s.internal.select.Selector;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Node-level stress: one short-lived pod per chosen node in the chaos namespace ({@code nodeName}, tolerates every
 * taint, {@code restartPolicy: Never}) running stress-ng with {@code --timeout}, and {@code activeDeadlineSeconds} as
 * a dead-man switch should stress-ng not end. Reverting deletes the pods.
 */
public final class NodeStress {

    /** Seconds beyond the stress duration after which Kubernetes kills a stress pod that is still running. */
    public static final long DEADLINE_MARGIN_SECONDS = 30;

    private final KubernetesClient client;
    private final ClusterCalls calls;
    private final Guardrails guardrails;

    public NodeStress(KubernetesClient client, ClusterCalls calls, Guardrails guardrails) {
        this.client = client;
        this.calls = calls;
        this.guardrails = guardrails;
    }

    /** The nodes matching {@code selector} (all nodes when empty), picked by mode, within the node cap. */
    public List<Node> chooseNodes(Selector selector, PickMode mode, int value, Random random) {
        guardrails.checkNamespace(guardrails.settings().chaosNamespace());
        List<Node> nodes = client.nodes().list().getItems().stream()
                .filter(n -> selector == null || selector.matches(n.getMetadata().getLabels()))
                .collect(Collectors.toList());
        if (nodes.isEmpty()) {
            throw new GuardrailException("no node matches" + (selector == null ? "" : " selector \"" + selector + "\""));
        }
        List<Node> chosen = mode.pick(nodes, value, random, n -> n.getMetadata().getName());
        guardrails.checkNodes(chosen.size());
        return chosen;
    }

    /** Creates one stress pod per node; returns the pods' names (in the chaos namespace). */
    public List<String> start(List<Node> nodes, StressCommand command, String image, String baseName, Marks marks) {
        String ns = guardrails.settings().chaosNamespace();
        List<String> names = new ArrayList<>();
        for (Node n : nodes) {
            String name = (baseName + "-" + n.getMetadata().getName()).toLowerCase(Locale.ROOT)
                    .replaceAll("[^-a-z0-9.]", "-");
            if (name.length() > 63) {
                name = name.substring(0, 63).replaceAll("[-.]+$", "");
            }
            Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                    .withNewSpec().withNodeName(n.getMetadata().getName()).withRestartPolicy("Never")
                    .withActiveDeadlineSeconds(command.duration().toSeconds() + DEADLINE_MARGIN_SECONDS)
                    .addNewToleration().withOperator("Exists").endToleration()
                    .addNewContainer().withName("stress").withImage(image).withImagePullPolicy("IfNotPresent")
                    .withCommand(command.command()).endContainer()
                    .endSpec().build();
            marks.applyTo(pod.getMetadata());
            calls.change("POST pods " + ns + "/" + name + " (node " + n.getMetadata().getName() + ": "
                    + String.join(" ", command.command()) + ")",
                    () -> client.pods().inNamespace(ns).resource(pod).create());
            names.add(name);
        }
        return names;
    }

    /** Deletes the stress pods; an already deleted pod is fine. */
    public void stop(List<String> names) {
        String ns = guardrails.settings().chaosNamespace();
        for (String name : names) {
            calls.change("DELETE pods " + ns + "/" + name + " (grace 0s)",
                    () -> client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete());
        }
    }
}
