package dev.chaosjunit.k8s.internal.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Where a Deployment's rollout stands, judged by the same rules as {@code kubectl rollout status}: wait while the
 * controller has not observed the latest generation; failed when the Progressing condition says
 * {@code ProgressDeadlineExceeded}; wait while fewer replicas are updated than wanted, while old replicas remain, and
 * while updated replicas are not yet available; otherwise complete.
 */
public record RolloutStatus(State state, String message) {

    /** The rollout's state. */
    public enum State { IN_PROGRESS, COMPLETE, FAILED }

    /** Judges one observation of the Deployment. */
    public static RolloutStatus of(Deployment d) {
        String name = d.getMetadata().getName();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        DeploymentStatus s = d.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        if (generation > observed) {
            return new RolloutStatus(State.IN_PROGRESS, "waiting for deployment \"" + name + "\" spec update to be observed");
        }
        if (s != null && s.getConditions() != null) {
            for (DeploymentCondition c : s.getConditions()) {
                if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    return new RolloutStatus(State.FAILED, "deployment \"" + name + "\" exceeded its progress deadline");
                }
            }
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int replicas = s == null || s.getReplicas() == null ? 0 : s.getReplicas();
        int available = s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        if (updated < wanted) {
            return new RolloutStatus(State.IN_PROGRESS, updated + " of " + wanted + " new replicas have been updated");
        }
        if (replicas > updated) {
            return new RolloutStatus(State.IN_PROGRESS, (replicas - updated) + " old replicas are pending termination");
        }
        if (available < updated) {
            return new RolloutStatus(State.IN_PROGRESS, available + " of " + updated + " updated replicas are available");
        }
        return new RolloutStatus(State.COMPLETE, "deployment \"" + name + "\" successfully rolled out");
    }
}
