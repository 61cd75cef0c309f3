package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.k8s.internal.rollout.RolloutStatus;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outcomes of the rollouts of one test, shared between the rollout faults (which record them) and the rollout
 * checks (which judge them), through the test's {@link ExtensionContext.Store}.
 */
final class RolloutOutcomes {

    /** One settled (or cut short) rollout. */
    record Outcome(String target, RolloutStatus status, long millis) {
    }

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RolloutOutcomes.class);

    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

    static RolloutOutcomes of(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent("outcomes", k -> new RolloutOutcomes(), RolloutOutcomes.class);
    }

    void add(Outcome o) {
        outcomes.add(o);
    }

    List<Outcome> forTarget(String target) {
        return outcomes.stream().filter(o -> o.target().equals(target)).toList();
    }
}
