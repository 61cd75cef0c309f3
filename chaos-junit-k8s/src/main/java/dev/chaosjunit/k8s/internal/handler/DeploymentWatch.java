package dev.chaosjunit.k8s.internal.handler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Observations of one Deployment through a watch (plus the first GET): every change with its time, so checks can
 * take the lowest ready count of a phase or the moment it was fully ready again. Exact up to the watch's latency.
 */
final class DeploymentWatch implements AutoCloseable {

    /** One observation. */
    record Seen(Instant at, int ready, boolean fullyReady) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Watch watch;

    DeploymentWatch(KubernetesClient client, String namespace, String name) {
        var resource = client.apps().deployments().inNamespace(namespace).withName(name);
        this.watch = resource.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                add(action == Action.DELETED ? null : d);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        Deployment d = resource.get();
        if (d == null) {
            watch.close();
            throw new IllegalStateException("deployment \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
        add(d);
    }

    private synchronized void add(Deployment d) {
        if (d == null) {
            seen.add(new Seen(Instant.now(), 0, false));
            return;
        }
        var s = d.getStatus();
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int total = s == null || s.getReplicas() == null ? 0 : s.getReplicas();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        boolean full = observed >= generation && ready >= wanted && updated >= wanted && total == updated;
        seen.add(new Seen(Instant.now(), ready, full));
    }

    /** Observations made from {@code from} to {@code to}, plus the last one before {@code from} (the state then). */
    synchronized List<Seen> between(Instant from, Instant to) {
        List<Seen> out = new ArrayList<>();
        Seen before = null;
        for (Seen s : seen) {
            if (s.at().isBefore(from)) {
                before = s;
            } else if (!s.at().isAfter(to)) {
                out.add(s);
            }
        }
        if (before != null) {
            out.add(0, before);
        }
        return out;
    }

    @Override
    public void close() {
        watch.close();
    }
}
