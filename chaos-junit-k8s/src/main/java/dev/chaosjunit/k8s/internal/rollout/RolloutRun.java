package dev.chaosjunit.k8s.internal.rollout;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;

/**
 * One rollout of a Deployment to another image, watched like {@code kubectl rollout status}, and its revert: a
 * rollback to the revision recorded before the change (then the marks are removed).
 */
public final class RolloutRun {

    /** What the test expects Kubernetes to do with the rollout. */
    public enum Expectation {
        /** The rollout completes within the time given. */
        COMPLETES,
        /** Kubernetes refuses it: the progress deadline passes ({@code ProgressDeadlineExceeded}). */
        REFUSED,
        /** Either; only the steady state judges. */
        ANY
    }

    private final KubernetesClient client;
    private final ClusterCalls calls;
    private final String namespace;
    private final String name;
    private volatile long revision = -1;

    public RolloutRun(KubernetesClient client, ClusterCalls calls, String namespace, String name) {
        this.client = client;
        this.calls = calls;
        this.namespace = namespace;
        this.name = name;
    }

    /** Records the revision and sets the image; returns the revision recorded. */
    public long start(String container, String image, Marks marks) {
        Deployments deployments = new Deployments(client, calls);
        Deployment d = deployments.get(namespace, name);
        revision = deployments.setImage(d, container, image, marks);
        return revision;
    }

    /** Restarts every pod (a new template annotation); its revert only removes the marks. */
    public long restart(java.time.Instant now, Marks marks) {
        Deployments deployments = new Deployments(client, calls);
        deployments.restart(deployments.get(namespace, name), now, marks);
        revision = 0;
        return revision;
    }

    /** Waits for the rollout to finish or fail, at most {@code timeout}. */
    public RolloutStatus await(Duration timeout) throws InterruptedException {
        if (calls.dryRun()) {
            return new RolloutStatus(RolloutStatus.State.COMPLETE, "dry run: not watched");
        }
        return RolloutWatch.await(client, namespace, name, timeout);
    }

    /** Whether {@code status} meets {@code expectation}, with a message. */
    public static String judge(Expectation expectation, RolloutStatus status) {
        boolean ok = switch (expectation) {
            case COMPLETES -> status.state() == RolloutStatus.State.COMPLETE;
            case REFUSED -> status.state() == RolloutStatus.State.FAILED;
            case ANY -> true;
        };
        return (ok ? "" : "expected the rollout to " + (expectation == Expectation.COMPLETES ? "complete" : "be refused")
                + ", but: ") + status.message();
    }

    /** Rolls back to the recorded revision (a restart with no revision recorded only loses its marks). */
    public String revert() {
        if (revision < 0) {
            return "not started";
        }
        String what = revision == 0 ? "nothing to roll back" : Rollback.toRevision(client, calls, namespace, name, revision);
        new Deployments(client, calls).unmark(namespace, name);
        return what;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }
}
