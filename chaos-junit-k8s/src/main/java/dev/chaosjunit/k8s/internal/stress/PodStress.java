package dev.chaosjunit.k8s.internal.stress;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * CPU or memory stress inside target pods: one stress-ng ephemeral container per pod. It shares the pod's resources
 * (it counts against the pod's limits and can get the pod throttled, evicted or OOM-killed) and stops at its own
 * {@code --timeout}; there is nothing to revert.
 */
public final class PodStress {

    private final KubernetesClient client;
    private final EphemeralContainers ephemeral;

    public PodStress(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.ephemeral = new EphemeralContainers(client, calls);
    }

    /**
     * Starts the stress in each pod.
     *
     * @param containerName unique per injection, e.g. {@code chaos-cpu-3f2a}
     */
    public void start(List<Pod> pods, StressCommand command, String image, String containerName, Marks marks) {
        ServerVersion.requireEphemeralContainers(client, "stress in a pod");
        for (Pod p : pods) {
            EphemeralContainer c = new EphemeralContainerBuilder().withName(containerName).withImage(image)
                    .withImagePullPolicy("IfNotPresent").withCommand(command.command()).build();
            ephemeral.add(p, c, marks);
        }
    }
}
