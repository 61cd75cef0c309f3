package dev.chaosjunit.k8s.internal.select;

import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Chooses the pods a fault touches: the ready pods matching the selector, picked by mode with a seeded random, after
 * the namespace, selector-share and blast-radius guardrails. Reads only.
 */
public final class TargetSelection {

    /** The outcome: the chosen pods and the figures the guardrails judged. */
    public record Targets(List<Pod> chosen, int readyMatching, int matching, int inNamespace) {

        /** {@code [ns/a, ns/b]}. */
        public List<String> ids() {
            return chosen.stream().map(Pods::id).collect(Collectors.toList());
        }
    }

    private TargetSelection() {
    }

    /**
     * Every pod matching the selector (a partition cuts them all off): the caps judge them as a share of the
     * namespace's pods, not of the matching ones.
     */
    public static Targets allMatching(KubernetesClient client, Guardrails guardrails, String what, String namespace,
            Selector selector, boolean wide) {
        guardrails.checkNamespace(namespace);
        List<Pod> all = Pods.all(client, namespace);
        List<Pod> matching = Pods.matching(all, selector);
        if (matching.isEmpty()) {
            throw new GuardrailException("selector \"" + selector + "\" matches no pod in namespace \"" + namespace
                    + "\"" + (all.isEmpty() ? " (the namespace has no pods at all: does it exist?)"
                            : " (it has " + all.size() + " pods)"));
        }
        guardrails.checkSelectorShare(selector.toString(), namespace, matching.size(), all.size(), wide);
        guardrails.checkBlastRadius(what, matching.size(), all.size(), false);
        int ready = (int) matching.stream().filter(Pods::ready).count();
        return new Targets(matching, ready, matching.size(), all.size());
    }

    /**
     * @param what the fault, for messages ({@code kill})
     * @param removesPods whether {@code minReady} applies
     * @param wide the annotation acknowledges a selector matching most of the namespace
     */
    public static Targets choose(KubernetesClient client, Guardrails guardrails, String what, String namespace,
            Selector selector, PickMode mode, int value, Random random, boolean removesPods, boolean wide) {
        guardrails.checkNamespace(namespace);
        List<Pod> all = Pods.all(client, namespace);
        List<Pod> matching = Pods.matching(all, selector);
        if (matching.isEmpty()) {
            throw new GuardrailException("selector \"" + selector + "\" matches no pod in namespace \"" + namespace
                    + "\"" + (all.isEmpty() ? " (the namespace has no pods at all: does it exist?)"
                            : " (it has " + all.size() + " pods)"));
        }
        guardrails.checkSelectorShare(selector.toString(), namespace, matching.size(), all.size(), wide);
        List<Pod> ready = matching.stream().filter(Pods::ready).collect(Collectors.toList());
        if (ready.isEmpty()) {
            throw new GuardrailException("selector \"" + selector + "\" matches " + matching.size()
                    + " pods in namespace \"" + namespace + "\", none of them ready");
        }
        List<Pod> chosen = mode.pick(ready, value, random, p -> p.getMetadata().getName());
        guardrails.checkBlastRadius(what, chosen.size(), ready.size(), removesPods);
        return new Targets(chosen, ready.size(), matching.size(), all.size());
    }
}
