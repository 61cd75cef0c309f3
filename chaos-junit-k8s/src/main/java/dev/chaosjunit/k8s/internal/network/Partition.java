package dev.chaosjunit.k8s.internal.network;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.select.Selector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the selected pods off the network with a deny-all {@code NetworkPolicy} (ingress, egress or both), deleted on
 * revert and carrying the run id and expiry for the janitor. It needs a network plugin that enforces policies.
 */
public final class Partition {

    /** Which traffic is cut. */
    public enum Direction { INGRESS, EGRESS, BOTH }

    private final KubernetesClient client;
    private final ClusterCalls calls;

    public Partition(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    public void start(String namespace, Selector selector, Direction direction, String name, Marks marks) {
        List<String> types = direction == Direction.BOTH ? List.of("Ingress", "Egress")
                : List.of(direction == Direction.INGRESS ? "Ingress" : "Egress");
        NetworkPolicy policy = new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withNewSpec().withNewPodSelector().withMatchExpressions(requirements(selector))
                .endPodSelector().withPolicyTypes(types).endSpec().build();
        marks.applyTo(policy.getMetadata());
        calls.change("POST networkpolicies " + namespace + "/" + name + " (deny " + String.join("+", types)
                + " for " + selector + ")", () -> client.network().v1().networkPolicies().inNamespace(namespace)
                        .resource(policy).create());
    }

    public void stop(String namespace, String name) {
        calls.change("DELETE networkpolicies " + namespace + "/" + name,
                () -> client.network().v1().networkPolicies().inNamespace(namespace).withName(name).delete());
    }

    static List<LabelSelectorRequirement> requirements(Selector selector) {
        List<LabelSelectorRequirement> out = new ArrayList<>();
        for (Selector.Term t : selector.terms()) {
            String op;
            switch (t.op()) {
                case EQUALS: case IN: op = "In"; break;
                case NOT_EQUALS: case NOT_IN: op = "NotIn"; break;
                case EXISTS: op = "Exists"; break;
                default: op = "DoesNotExist"; break;
            }
            out.add(new LabelSelectorRequirementBuilder().withKey(t.key()).withOperator(op)
                    .withValues(op.equals("In") || op.equals("NotIn") ? new ArrayList<>(t.values()) : null).build());
        }
        return out;
    }
}
