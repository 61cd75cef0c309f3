package dev.chaosjunit.k8s.janitor;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.janitor.JanitorRun;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Removes or rolls back what crashed chaos-junit runs left in a cluster once its expiry passed: stress pods and
 * partition NetworkPolicies are deleted, changed Deployments are rolled back to the recorded revision or scaled back
 * to the recorded replica count. Everything it does is logged ({@link System.Logger}, name {@code chaos-junit.k8s})
 * and returned. The extension runs it at the start of a test run in the namespaces it is allowed to touch; the
 * command line is {@link JanitorCommand}.
 */
public final class Janitor {

    private static final System.Logger LOG = System.getLogger("chaos-junit.k8s");

    private Janitor() {
    }

    /**
     * Cleans {@code namespaces}.
     *
     * @param dryRun only list what would be done
     * @return one line per object removed or restored (prefixed {@code would } in a dry run)
     */
    public static List<String> clean(KubernetesClient client, Collection<String> namespaces, boolean dryRun,
            Clock clock) {
        List<String> done = new JanitorRun(client, new ClusterCalls(dryRun)).clean(namespaces, clock.instant());
        List<String> lines = done.stream().map(l -> (dryRun ? "would have " : "") + l).toList();
        for (String l : lines) {
            LOG.log(System.Logger.Level.INFO, "janitor: " + l);
        }
        return lines;
    }
}
