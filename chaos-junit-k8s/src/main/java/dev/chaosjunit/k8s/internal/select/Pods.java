package dev.chaosjunit.k8s.internal.select;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.stream.Collectors;

/** Reading pods: matching a selector (evaluated exactly on the client) and their readiness. */
public final class Pods {

    private Pods() {
    }

    /** Every pod of {@code namespace} (one list call). */
    public static List<Pod> all(KubernetesClient client, String namespace) {
        return client.pods().inNamespace(namespace).list().getItems();
    }

    /** The pods of {@code all} that match {@code selector}. */
    public static List<Pod> matching(List<Pod> all, Selector selector) {
        return all.stream().filter(p -> selector.matches(p.getMetadata().getLabels())).collect(Collectors.toList());
    }

    /** Whether the pod is running, not terminating, and its Ready condition is True. */
    public static boolean ready(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null || p.getStatus() == null) {
            return false;
        }
        if (!"Running".equals(p.getStatus().getPhase()) || p.getStatus().getConditions() == null) {
            return false;
        }
        return p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The sum of restart counts of every container of the pod. */
    public static int restarts(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return p.getStatus().getContainerStatuses().stream()
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    }

    /** {@code namespace/name}. */
    public static String id(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
