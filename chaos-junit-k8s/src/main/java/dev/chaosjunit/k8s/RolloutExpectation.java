package dev.chaosjunit.k8s;

/** What a test expects Kubernetes to do with a rollout (judged like {@code kubectl rollout status}). */
public enum RolloutExpectation {
    /** The rollout completes within {@code within}. */
    COMPLETES,
    /** Kubernetes refuses it: its progress deadline passes ({@code ProgressDeadlineExceeded}) within {@code within}. */
    REFUSED,
    /** Either: only the steady state judges what users saw. */
    ANY
}
