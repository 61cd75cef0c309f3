package dev.chaosjunit.k8s.internal.rollout;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to a Deployment, each with JSON Patch or JSON merge patch only: a new image (a rollout), a rolling restart,
 * a replica count. Before the change the Deployment is marked with the run id, the expiry and what to return to (the
 * revision or the replica count), so that a janitor can roll back an expired change of a crashed run.
 */
public final class Deployments {

    private final KubernetesClient client;
    private final ClusterCalls calls;

    public Deployments(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** The Deployment, or a clear error. */
    public Deployment get(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            throw new GuardrailException("deployment \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
        return d;
    }

    /**
     * Sets {@code container}'s image (empty container: the only one) after marking the Deployment with the revision
     * to return to.
     *
     * @return the revision recorded for the rollback
     */
    public long setImage(Deployment d, String container, String image, Marks marks) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        int index = -1;
        for (int i = 0; i < containers.size(); i++) {
            if (container.isEmpty() ? containers.size() == 1 : containers.get(i).getName().equals(container)) {
                index = i;
            }
        }
        if (index < 0) {
            List<String> names = containers.stream().map(Container::getName).toList();
            throw new GuardrailException("deployment \"" + d.getMetadata().getName() + "\" has "
                    + (container.isEmpty() ? containers.size() + " containers " + names
                            + ": name the one to change with container = \"...\""
                            : "no container \"" + container + "\": it has " + names));
        }
        long revision = Rollback.revisionOf(d).orElseThrow(() -> new GuardrailException("deployment \""
                + d.getMetadata().getName() + "\" has no " + Rollback.REVISION + " annotation yet (has its first"
                + " rollout finished?): there would be no revision to roll back to"));
        mark(d, marks, Map.of(Marks.ROLLBACK_REVISION, Long.toString(revision)));
        String patch = Serialization.asJson(List.of(Map.of("op", "replace",
                "path", "/spec/template/spec/containers/" + index + "/image", "value", image)));
        calls.change("PATCH deployments " + id(d) + " (JSON Patch: image of container "
                + containers.get(index).getName() + " -> " + image + ")", () -> resource(d)
                        .patch(PatchContext.of(PatchType.JSON), patch));
        return revision;
    }

    /** A rolling restart, like {@code kubectl rollout restart}: a template annotation with the time; nothing to revert. */
    public void restart(Deployment d, Instant now, Marks marks) {
        mark(d, marks, Map.of());
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("metadata", Map.of("annotations",
                Map.of("kubectl.kubernetes.io/restartedAt", now.toString())))));
        calls.change("PATCH deployments " + id(d) + " (merge patch: restartedAt " + now + ")",
                () -> resource(d).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch)));
    }

    /** Scales by patching {@code spec.replicas}; returns the original count. */
    public int scale(Deployment d, int replicas, Marks marks) {
        int original = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        mark(d, marks, Map.of(Marks.ORIGINAL_REPLICAS, Integer.toString(original)));
        setReplicas(d.getMetadata().getNamespace(), d.getMetadata().getName(), replicas);
        return original;
    }

    /** JSON Patch of {@code /spec/replicas} (never the {@code /scale} subresource). */
    public void setReplicas(String namespace, String name, int replicas) {
        String patch = Serialization.asJson(List.of(Map.of("op", "replace", "path", "/spec/replicas", "value", replicas)));
        calls.change("PATCH deployments " + namespace + "/" + name + " (JSON Patch: replicas -> " + replicas + ")",
                () -> client.apps().deployments().inNamespace(namespace).withName(name)
                        .patch(PatchContext.of(PatchType.JSON), patch));
    }

    /**
     * Removes the run label and the chaos annotations (after a revert) with JSON Patch {@code remove} operations for
     * the keys present (a merge patch with nulls is not understood by every server).
     */
    public void unmark(String namespace, String name) {
        var resource = client.apps().deployments().inNamespace(namespace).withName(name);
        Deployment d = calls.dryRun() ? null : resource.get();
        List<Map<String, Object>> ops = new ArrayList<>();
        if (d != null) {
            Map<String, String> labels = d.getMetadata().getLabels() == null ? Map.of() : d.getMetadata().getLabels();
            Map<String, String> ann = d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
            if (labels.containsKey(Marks.RUN_LABEL)) {
                ops.add(Map.of("op", "remove", "path", "/metadata/labels/" + pointer(Marks.RUN_LABEL)));
            }
            for (String key : List.of(Marks.EXPIRES, Marks.ROLLBACK_REVISION, Marks.ORIGINAL_REPLICAS)) {
                if (ann.containsKey(key)) {
                    ops.add(Map.of("op", "remove", "path", "/metadata/annotations/" + pointer(key)));
                }
            }
            if (ops.isEmpty()) {
                return;
            }
        }
        String patch = Serialization.asJson(ops);
        calls.change("PATCH deployments " + namespace + "/" + name + " (JSON Patch: remove chaos-junit marks)",
                () -> resource.patch(PatchContext.of(PatchType.JSON), patch));
    }

    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private void mark(Deployment d, Marks marks, Map<String, String> extra) {
        Map<String, Object> ann = new LinkedHashMap<>(marks.annotations());
        ann.putAll(extra);
        Map<String, Object> meta = Map.of("labels", new HashMap<>(marks.labels()), "annotations", ann);
        calls.change("PATCH deployments " + id(d) + " (merge patch: mark run " + marks.runId() + ", expires "
                + marks.expires() + ", " + extra + ")", () -> resource(d)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("metadata", meta))));
    }

    private io.fabric8.kubernetes.client.dsl.RollableScalableResource<Deployment> resource(Deployment d) {
        return client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName());
    }

    private static String id(Deployment d) {
        return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
    }

    static List<String> names(List<Container> cs) {
        return new ArrayList<>(cs.stream().map(Container::getName).toList());
    }
}
