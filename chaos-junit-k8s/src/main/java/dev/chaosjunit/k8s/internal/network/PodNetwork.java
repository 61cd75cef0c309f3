package dev.chaosjunit.k8s.internal.network;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.stress.EphemeralContainers;
import dev.chaosjunit.k8s.internal.stress.ServerVersion;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * Latency, loss or corruption on target pods: one ephemeral {@code tc netem} container per pod (NET_ADMIN), whose
 * script removes its own rule after {@link Netem#duration()}. Pods on the host network are refused.
 */
public final class PodNetwork {

    private final KubernetesClient client;
    private final EphemeralContainers ephemeral;

    public PodNetwork(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.ephemeral = new EphemeralContainers(client, calls);
    }

    public void start(List<Pod> pods, Netem netem, String image, String containerName, Marks marks) {
        ServerVersion.requireEphemeralContainers(client, "a network fault in a pod");
        for (Pod p : pods) {
            ephemeral.add(p, new EphemeralContainerBuilder().withName(containerName).withImage(image)
                    .withImagePullPolicy("IfNotPresent").withCommand(netem.command())
                    .withNewSecurityContext().withNewCapabilities().withAdd("NET_ADMIN").endCapabilities()
                    .endSecurityContext().build(), marks);
        }
    }
}
