package dev.chaosjunit.k8s.internal.guard;

import java.util.Locale;

/**
 * The checks that run before any call that changes the cluster. Each refusal is a {@link GuardrailException} whose
 * message gives the numbers and the setting that would allow it.
 */
public final class Guardrails {

    private final GuardrailSettings settings;

    public Guardrails(GuardrailSettings settings) {
        this.settings = settings;
    }

    public GuardrailSettings settings() {
        return settings;
    }

    /** The kube context must match one of {@code chaos.k8s.allowedContexts}. */
    public void checkContext(String context) {
        String name = context == null || context.isEmpty() ? "(none)" : context;
        for (String pattern : settings.allowedContexts()) {
            if (glob(pattern, name)) {
                return;
            }
        }
        throw new GuardrailException("kube context \"" + name + "\" is not allowed: allowed are "
                + settings.allowedContexts() + "; add it to " + GuardrailSettings.ALLOWED_CONTEXTS
                + " (a comma-separated list, '*' as wildcard) if faults may run there");
    }

    /** The namespace must be listed in {@code chaos.k8s.allowedNamespaces}; kube-system and the chaos namespace too. */
    public void checkNamespace(String namespace) {
        if (settings.allowedNamespaces().contains(namespace)) {
            return;
        }
        String special = namespace.equals("kube-system") ? " (kube-system is never allowed by a wildcard)"
                : namespace.equals(settings.chaosNamespace()) ? " (it is the chaos namespace, where chaos-junit runs"
                        + " its own pods)" : "";
        if (settings.allowedNamespaces().contains("*") && special.isEmpty()) {
            return;
        }
        throw new GuardrailException("namespace \"" + namespace + "\" is not allowed" + special + ": "
                + (settings.allowedNamespaces().isEmpty() ? "no namespace is allowed yet"
                        : "allowed are " + new java.util.TreeSet<>(settings.allowedNamespaces()))
                + "; set " + GuardrailSettings.ALLOWED_NAMESPACES + "=" + namespace
                + " (a comma-separated list) to let Kubernetes faults touch it");
    }

    /**
     * The blast radius of a pod fault.
     *
     * @param what e.g. {@code kill} (used in the message)
     * @param chosen pods the fault would touch
     * @param readyMatching ready pods matching the selector
     * @param removesPods whether the touched pods stop serving (kill, partition): then {@code minReady} applies
     */
    public void checkBlastRadius(String what, int chosen, int readyMatching, boolean removesPods) {
        if (chosen > settings.maxPods()) {
            throw new GuardrailException(what + " would touch " + chosen + " pods, more than the cap of "
                    + settings.maxPods() + " (" + GuardrailSettings.MAX_PODS + ")");
        }
        double share = readyMatching == 0 ? 1.0 : (double) chosen / readyMatching;
        if (share > settings.maxShare() + 1e-9) {
            throw new GuardrailException(what + " would touch " + chosen + " of " + readyMatching + " ready matching pods ("
                    + percent(share) + "), more than the cap of " + percent(settings.maxShare()) + " ("
                    + GuardrailSettings.MAX_SHARE + ")");
        }
        if (removesPods && readyMatching - chosen < settings.minReady()) {
            throw new GuardrailException(what + " would leave " + (readyMatching - chosen) + " of " + readyMatching
                    + " ready matching pods, fewer than minReady " + settings.minReady() + " ("
                    + GuardrailSettings.MIN_READY + ")");
        }
    }

    /** A selector matching more than {@code maxSelectorShare} of the namespace is refused unless acknowledged. */
    public void checkSelectorShare(String selector, String namespace, int matching, int inNamespace, boolean wide) {
        if (wide || inNamespace == 0) {
            return;
        }
        double share = (double) matching / inNamespace;
        if (share > settings.maxSelectorShare() + 1e-9) {
            throw new GuardrailException("selector \"" + selector + "\" matches " + matching + " of " + inNamespace
                    + " pods in namespace \"" + namespace + "\" (" + percent(share) + "), more than "
                    + percent(settings.maxSelectorShare()) + " (" + GuardrailSettings.MAX_SELECTOR_SHARE
                    + "): narrow it, or say wideSelector = true if you mean it");
        }
    }

    /** Node-level faults: at most {@code maxNodes} nodes. */
    public void checkNodes(int chosen) {
        if (chosen > settings.maxNodes()) {
            throw new GuardrailException("node stress would touch " + chosen + " nodes, more than the cap of "
                    + settings.maxNodes() + " (" + GuardrailSettings.MAX_NODES + ")");
        }
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static boolean glob(String pattern, String name) {
        String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
        return name.matches(regex);
    }
}
