package dev.chaosjunit.k8s.internal.rollout;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolls a Deployment back to a recorded revision the way {@code kubectl rollout undo --to-revision} decides: among the
 * ReplicaSets the Deployment controls (owner reference with its uid), the one whose
 * {@code deployment.kubernetes.io/revision} annotation is the revision; its pod template without the
 * {@code pod-template-hash} label replaces the Deployment's with one JSON Patch. A paused Deployment is refused, and
 * nothing is sent when the templates already match.
 */
public final class Rollback {

    /** The annotation the Deployment controller puts on Deployments and ReplicaSets. */
    public static final String REVISION = "deployment.kubernetes.io/revision";

    private Rollback() {
    }

    /** The revision a Deployment is at, if the controller annotated it. */
    public static Optional<Long> revisionOf(Deployment d) {
        return revision(d.getMetadata().getAnnotations());
    }

    /**
     * Rolls back.
     *
     * @return what was done, e.g. {@code rolled back to revision 3} or {@code already at the template of revision 3}
     */
    public static String toRevision(KubernetesClient client, ClusterCalls calls, String namespace, String name,
            long revision) {
        var resource = client.apps().deployments().inNamespace(namespace).withName(name);
        Deployment d = resource.get();
        if (d == null) {
            return "deployment " + namespace + "/" + name + " is gone: nothing to roll back";
        }
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            throw new IllegalStateException("deployment " + namespace + "/" + name + " is paused: resume it before"
                    + " rolling back to revision " + revision);
        }
        String uid = d.getMetadata().getUid();
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> controlledBy(rs, uid)).toList();
        ReplicaSet target = owned.stream().filter(rs -> revision(rs.getMetadata().getAnnotations())
                .map(r -> r == revision).orElse(false)).findFirst()
                .orElseThrow(() -> new IllegalStateException("deployment " + namespace + "/" + name
                        + " has no ReplicaSet of revision " + revision + " (revisionHistoryLimit may have removed it;"
                        + " owned revisions: " + owned.stream().map(rs -> rs.getMetadata().getAnnotations() == null ? "?"
                                : String.valueOf(rs.getMetadata().getAnnotations().get(REVISION))).toList() + ")"));
        PodTemplateSpec template = Serialization.clone(target.getSpec().getTemplate());
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
            labels.remove("pod-template-hash");
            template.getMetadata().setLabels(labels);
        }
        if (sameTemplate(template, d.getSpec().getTemplate())) {
            return "already at the template of revision " + revision;
        }
        String patch = Serialization.asJson(List.of(Map.of("op", "replace", "path", "/spec/template", "value", template)));
        calls.change("PATCH deployments " + namespace + "/" + name + " (JSON Patch: /spec/template of revision "
                + revision + ")", () -> resource.patch(PatchContext.of(PatchType.JSON), patch));
        return "rolled back to revision " + revision;
    }

    private static boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
        return Objects.equals(Serialization.asJson(a), Serialization.asJson(b));
    }

    private static boolean controlledBy(ReplicaSet rs, String uid) {
        List<OwnerReference> refs = rs.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController())
                && Objects.equals(r.getUid(), uid));
    }

    private static Optional<Long> revision(Map<String, String> annotations) {
        if (annotations == null || annotations.get(REVISION) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(annotations.get(REVISION)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
