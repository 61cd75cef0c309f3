package dev.chaosjunit.k8s.internal.stress;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import dev.chaosjunit.k8s.internal.select.Pods;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Map;

/**
 * Adds an ephemeral container to a pod with one JSON Patch of its {@code ephemeralcontainers} subresource. Ephemeral
 * containers cannot be removed or stopped through the API: the command given must end by itself. The container
 * carries the run id and expiry as environment variables ({@code CHAOS_JUNIT_RUN}, {@code CHAOS_JUNIT_EXPIRES}).
 */
public final class EphemeralContainers {

    private final KubernetesClient client;
    private final ClusterCalls calls;

    public EphemeralContainers(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** Adds {@code container} to {@code pod} (whose current spec decides between "create list" and "append"). */
    public void add(Pod pod, EphemeralContainer container, Marks marks) {
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) && hasNetAdmin(container)) {
            throw new GuardrailException("pod " + Pods.id(pod) + " uses hostNetwork: a network fault in it would"
                    + " change the node's network, so it is refused");
        }
        container.setEnv(List.of(new EnvVar("CHAOS_JUNIT_RUN", marks.runId(), null),
                new EnvVar("CHAOS_JUNIT_EXPIRES", marks.expires().toString(), null)));
        boolean none = pod.getSpec().getEphemeralContainers() == null || pod.getSpec().getEphemeralContainers().isEmpty();
        Object op = none
                ? Map.of("op", "add", "path", "/spec/ephemeralContainers", "value", List.of(container))
                : Map.of("op", "add", "path", "/spec/ephemeralContainers/-", "value", container);
        String patch = Serialization.asJson(List.of(op));
        calls.change("PATCH pods/ephemeralcontainers " + Pods.id(pod) + " (add " + container.getName() + ": "
                + String.join(" ", container.getCommand()) + ")", () -> client.pods()
                        .inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .ephemeralContainers().patch(PatchContext.of(PatchType.JSON), patch));
    }

    private static boolean hasNetAdmin(EphemeralContainer c) {
        return c.getSecurityContext() != null && c.getSecurityContext().getCapabilities() != null
                && c.getSecurityContext().getCapabilities().getAdd() != null
                && c.getSecurityContext().getCapabilities().getAdd().contains("NET_ADMIN");
    }
}
