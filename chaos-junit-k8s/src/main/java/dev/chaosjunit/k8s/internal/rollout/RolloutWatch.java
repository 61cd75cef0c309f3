package dev.chaosjunit.k8s.internal.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a rollout to complete or fail, watching the Deployment by name (one GET, then one watch). */
public final class RolloutWatch {

    private RolloutWatch() {
    }

    /**
     * @return the final status, or an IN_PROGRESS status if {@code timeout} passed first
     */
    public static RolloutStatus await(KubernetesClient client, String namespace, String name, Duration timeout)
            throws InterruptedException {
        CompletableFuture<RolloutStatus> done = new CompletableFuture<>();
        var resource = client.apps().deployments().inNamespace(namespace).withName(name);
        RolloutStatus[] last = {new RolloutStatus(RolloutStatus.State.IN_PROGRESS, "no observation yet")};
        try (Watch ignored = resource.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                if (action == Action.DELETED) {
                    done.complete(new RolloutStatus(RolloutStatus.State.FAILED, "deployment \"" + name + "\" was deleted"));
                    return;
                }
                judge(d, last, done);
            }

            @Override
            public void onClose(WatcherException cause) {
                done.completeExceptionally(cause);
            }
        })) {
            Deployment now = resource.get();
            if (now == null) {
                return new RolloutStatus(RolloutStatus.State.FAILED, "deployment \"" + name + "\" not found");
            }
            judge(now, last, done);
            try {
                return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                synchronized (last) {
                    return last[0];
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("watching deployment " + namespace + "/" + name + " failed: "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static void judge(Deployment d, RolloutStatus[] last, CompletableFuture<RolloutStatus> done) {
        RolloutStatus s = RolloutStatus.of(d);
        synchronized (last) {
            last[0] = s;
        }
        if (s.state() != RolloutStatus.State.IN_PROGRESS) {
            done.complete(s);
        }
    }
}
