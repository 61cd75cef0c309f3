package dev.chaosjunit.k8s.internal.janitor;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.rollout.Deployments;
import dev.chaosjunit.k8s.internal.rollout.Rollback;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Removes or rolls back expired leftovers of crashed runs in the given namespaces: pods and NetworkPolicies carrying
 * the run label with a passed expiry are deleted; Deployments carrying it are rolled back to the recorded revision or
 * scaled back to the recorded replica count, then unmarked. Objects without an expiry, or not yet expired, are left.
 * Ephemeral containers cannot be removed; they end by their own timeout.
 */
public final class JanitorRun {

    private final KubernetesClient client;
    private final ClusterCalls calls;

    public JanitorRun(KubernetesClient client, ClusterCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** Cleans up; returns one line per thing done (or, in a dry run, that would be done). */
    public List<String> clean(Collection<String> namespaces, Instant now) {
        List<String> done = new ArrayList<>();
        for (String ns : namespaces) {
            for (var pod : client.pods().inNamespace(ns).withLabel(Marks.RUN_LABEL).list().getItems()) {
                if (expired(pod, now)) {
                    calls.change("DELETE pods " + ns + "/" + pod.getMetadata().getName() + " (expired leftover)",
                            () -> client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).withGracePeriod(0)
                                    .delete());
                    done.add("deleted pod " + ns + "/" + pod.getMetadata().getName() + " of run " + run(pod)
                            + " (expired " + Marks.expiryOf(pod).orElseThrow() + ")");
                }
            }
            for (var np : client.network().v1().networkPolicies().inNamespace(ns).withLabel(Marks.RUN_LABEL).list()
                    .getItems()) {
                if (expired(np, now)) {
                    calls.change("DELETE networkpolicies " + ns + "/" + np.getMetadata().getName() + " (expired leftover)",
                            () -> client.network().v1().networkPolicies().inNamespace(ns)
                                    .withName(np.getMetadata().getName()).delete());
                    done.add("deleted network policy " + ns + "/" + np.getMetadata().getName() + " of run " + run(np)
                            + " (expired " + Marks.expiryOf(np).orElseThrow() + ")");
                }
            }
            for (Deployment d : client.apps().deployments().inNamespace(ns).withLabel(Marks.RUN_LABEL).list()
                    .getItems()) {
                if (expired(d, now)) {
                    done.add(restore(d));
                }
            }
        }
        return done;
    }

    private String restore(Deployment d) {
        String ns = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        Map<String, String> ann = d.getMetadata().getAnnotations();
        Deployments deployments = new Deployments(client, calls);
        StringBuilder what = new StringBuilder("deployment " + ns + "/" + name + " of run " + run(d) + ": ");
        if (ann.containsKey(Marks.ROLLBACK_REVISION)) {
            what.append(Rollback.toRevision(client, calls, ns, name, Long.parseLong(ann.get(Marks.ROLLBACK_REVISION))));
        }
        if (ann.containsKey(Marks.ORIGINAL_REPLICAS)) {
            int replicas = Integer.parseInt(ann.get(Marks.ORIGINAL_REPLICAS));
            deployments.setReplicas(ns, name, replicas);
            what.append(ann.containsKey(Marks.ROLLBACK_REVISION) ? ", " : "").append("scaled back to ").append(replicas);
        }
        deployments.unmark(ns, name);
        return what.toString();
    }

    private static boolean expired(HasMetadata o, Instant now) {
        return Marks.expiryOf(o).map(e -> !e.isAfter(now)).orElse(false);
    }

    private static String run(HasMetadata o) {
        return o.getMetadata().getLabels().get(Marks.RUN_LABEL);
    }
}
