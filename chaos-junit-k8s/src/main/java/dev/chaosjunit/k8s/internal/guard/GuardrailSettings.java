package dev.chaosjunit.k8s.internal.guard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Kubernetes guardrails, read from configuration parameters (JUnit configuration parameters or system
 * properties).
 *
 * @param allowedContexts {@code chaos.k8s.allowedContexts}: kube contexts faults may use; {@code *} is a wildcard
 * @param allowedNamespaces {@code chaos.k8s.allowedNamespaces}: namespaces faults may touch (empty: none)
 * @param chaosNamespace {@code chaos.k8s.chaosNamespace}: where node-level stress pods run
 * @param maxPods {@code chaos.k8s.maxPods}: the most pods one fault may touch at once
 * @param maxShare {@code chaos.k8s.maxShare}: the largest share of the matching ready pods one fault may touch
 * @param minReady {@code chaos.k8s.minReady}: matching ready pods that must remain after a kill or partition
 * @param maxSelectorShare {@code chaos.k8s.maxSelectorShare}: a selector matching more than this share of the
 *        namespace's pods is refused unless the annotation says {@code wideSelector = true}
 * @param maxNodes {@code chaos.k8s.maxNodes}: the most nodes one node-level fault may stress
 */
public record GuardrailSettings(List<String> allowedContexts, Set<String> allowedNamespaces, String chaosNamespace,
        int maxPods, double maxShare, int minReady, double maxSelectorShare, int maxNodes) {

    public static final String ALLOWED_CONTEXTS = "chaos.k8s.allowedContexts";
    public static final String ALLOWED_NAMESPACES = "chaos.k8s.allowedNamespaces";
    public static final String CHAOS_NAMESPACE = "chaos.k8s.chaosNamespace";
    public static final String MAX_PODS = "chaos.k8s.maxPods";
    public static final String MAX_SHARE = "chaos.k8s.maxShare";
    public static final String MIN_READY = "chaos.k8s.minReady";
    public static final String MAX_SELECTOR_SHARE = "chaos.k8s.maxSelectorShare";
    public static final String MAX_NODES = "chaos.k8s.maxNodes";

    /** Local clusters only: kind, minikube, k3d and Docker Desktop. */
    public static final List<String> LOCAL_CONTEXTS = List.of("kind-*", "minikube", "k3d-*", "docker-desktop");

    public static final int DEFAULT_MAX_PODS = 10;
    public static final double DEFAULT_MAX_SHARE = 0.5;
    public static final int DEFAULT_MIN_READY = 1;
    public static final double DEFAULT_MAX_SELECTOR_SHARE = 0.8;
    public static final int DEFAULT_MAX_NODES = 3;
    public static final String DEFAULT_CHAOS_NAMESPACE = "chaos-junit";

    /** The defaults plus every key found through {@code parameters}. */
    public static GuardrailSettings read(Function<String, Optional<String>> parameters) {
        Function<String, Optional<String>> get = k -> parameters.apply(k).map(String::strip).filter(s -> !s.isEmpty());
        List<String> contexts = get.apply(ALLOWED_CONTEXTS).map(GuardrailSettings::list).orElse(LOCAL_CONTEXTS);
        Set<String> namespaces = get.apply(ALLOWED_NAMESPACES).map(v -> Set.copyOf(list(v))).orElse(Set.of());
        String chaosNs = get.apply(CHAOS_NAMESPACE).orElse(DEFAULT_CHAOS_NAMESPACE);
        int maxPods = integer(MAX_PODS, get.apply(MAX_PODS), DEFAULT_MAX_PODS, 1);
        double maxShare = share(MAX_SHARE, get.apply(MAX_SHARE), DEFAULT_MAX_SHARE);
        int minReady = integer(MIN_READY, get.apply(MIN_READY), DEFAULT_MIN_READY, 0);
        double selectorShare = share(MAX_SELECTOR_SHARE, get.apply(MAX_SELECTOR_SHARE), DEFAULT_MAX_SELECTOR_SHARE);
        int maxNodes = integer(MAX_NODES, get.apply(MAX_NODES), DEFAULT_MAX_NODES, 1);
        return new GuardrailSettings(contexts, namespaces, chaosNs, maxPods, maxShare, minReady, selectorShare, maxNodes);
    }

    /** A copy allowing {@code namespaces} too (tests and programmatic use). */
    public GuardrailSettings allowingNamespaces(String... namespaces) {
        Set<String> all = new java.util.HashSet<>(allowedNamespaces);
        all.addAll(Arrays.asList(namespaces));
        return new GuardrailSettings(allowedContexts, Set.copyOf(all), chaosNamespace, maxPods, maxShare, minReady,
                maxSelectorShare, maxNodes);
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    private static int integer(String key, Optional<String> v, int dflt, int min) {
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i >= min) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " = \"" + v.get() + "\" is not valid: expected a whole number of at"
                + " least " + min);
    }

    private static double share(String key, Optional<String> v, double dflt) {
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " = \"" + v.get() + "\" is not valid: expected a share above 0.0 and"
                + " at most 1.0, such as 0.5");
    }
}
