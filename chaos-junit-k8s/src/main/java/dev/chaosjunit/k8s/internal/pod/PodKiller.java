package dev.chaosjunit.k8s.internal.pod;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.select.Pods;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Kills pods through the eviction API (so PodDisruptionBudgets are respected; a refusal is reported as blocked, not
 * as a kill) or, on request, with a plain delete. The grace period defaults to the pod's own.
 */
public final class PodKiller {

    /** What happened to one pod. */
    public enum Result {
        /** Evicted or deleted. */
        KILLED,
        /** The eviction was refused (HTTP 429): a PodDisruptionBudget would have been violated. */
        BLOCKED_BY_DISRUPTION_BUDGET,
        /** The pod was already gone. */
        GONE,
        /** Dry run: nothing was done. */
        WOULD_KILL
    }

    /** One pod's outcome. */
    public record Outcome(String pod, Result result) {

        @Override
        public String toString() {
            return pod + ": " + (result == Result.BLOCKED_BY_DISRUPTION_BUDGET ? "blocked by a disruption budget"
                    : result.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    private final KubernetesClient client;
    private final ClusterCalls calls;

    public PodKiller(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /**
     * Kills each pod.
     *
     * @param gracePeriodSeconds empty for the pod's own grace period
     * @param delete plain delete instead of eviction
     */
    public List<Outcome> kill(List<Pod> pods, OptionalLong gracePeriodSeconds, boolean delete) {
        List<Outcome> out = new ArrayList<>();
        String grace = gracePeriodSeconds.isPresent() ? "grace " + gracePeriodSeconds.getAsLong() + "s"
                : "grace: the pod's own";
        for (Pod p : pods) {
            String ns = p.getMetadata().getNamespace();
            String name = p.getMetadata().getName();
            PodResource resource = client.pods().inNamespace(ns).withName(name);
            Result r;
            if (delete) {
                Boolean done = calls.change("DELETE pods " + Pods.id(p) + " (" + grace + ")", () -> {
                    var d = gracePeriodSeconds.isPresent()
                            ? resource.withGracePeriod(gracePeriodSeconds.getAsLong()).delete() : resource.delete();
                    return !d.isEmpty();
                });
                r = done == null ? Result.WOULD_KILL : done ? Result.KILLED : Result.GONE;
            } else {
                Boolean evicted = calls.change("POST pods/eviction " + Pods.id(p) + " (" + grace + ")", () -> {
                    try {
                        return resource.evict(eviction(ns, name, gracePeriodSeconds));
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == 404) {
                            return null;
                        }
                        throw e;
                    }
                });
                if (calls.dryRun()) {
                    r = Result.WOULD_KILL;
                } else if (evicted == null) {
                    r = Result.GONE;
                } else {
                    r = evicted ? Result.KILLED : Result.BLOCKED_BY_DISRUPTION_BUDGET;
                }
            }
            out.add(new Outcome(Pods.id(p), r));
        }
        return out;
    }

    private static Eviction eviction(String ns, String name, OptionalLong grace) {
        EvictionBuilder b = new EvictionBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata();
        if (grace.isPresent()) {
            b.withDeleteOptions(new DeleteOptionsBuilder().withGracePeriodSeconds(grace.getAsLong()).build());
        }
        return b.build();
    }
}
