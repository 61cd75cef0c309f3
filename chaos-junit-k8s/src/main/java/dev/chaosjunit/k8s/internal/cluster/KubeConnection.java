package dev.chaosjunit.k8s.internal.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.File;
import java.util.Optional;

/**
 * A client and the name of the kube context it talks to (the context guardrail judges that name).
 *
 * @param client the client
 * @param context the kube context's name, empty if the configuration has none (in-cluster, a bare master URL)
 */
public record KubeConnection(KubernetesClient client, String context) implements AutoCloseable {

    /** {@code chaos.k8s.kubeconfig}: a kubeconfig file; default: {@code KUBECONFIG} or {@code ~/.kube/config}. */
    public static final String KUBECONFIG = "chaos.k8s.kubeconfig";
    /** {@code chaos.k8s.context}: the context to use; default: the kubeconfig's current context. */
    public static final String CONTEXT = "chaos.k8s.context";
    /** The User-Agent of every request, so cluster audit logs show what chaos-junit did. */
    public static final String USER_AGENT = "chaos-junit-k8s";

    /**
     * Opens a client.
     *
     * @param kubeconfig a kubeconfig file, or empty for the usual lookup
     * @param context a context name, or empty for the current one
     */
    public static KubeConnection open(Optional<String> kubeconfig, Optional<String> context) {
        Config config;
        if (kubeconfig.isPresent()) {
            File file = new File(kubeconfig.get());
            if (!file.isFile()) {
                throw new IllegalArgumentException(KUBECONFIG + " = \"" + kubeconfig.get() + "\" is not a file");
            }
            config = Config.fromKubeconfig(context.orElse(null), file);
        } else {
            config = Config.autoConfigure(context.orElse(null));
        }
        // a refused eviction (429: a disruption budget) is an answer, not a reason to retry for seconds
        config.setRequestRetryBackoffLimit(0);
        config.setUserAgent(USER_AGENT);
        String name = config.getCurrentContext() == null ? "" : config.getCurrentContext().getName();
        return new KubeConnection(new KubernetesClientBuilder().withConfig(config).build(), name);
    }

    @Override
    public void close() {
        client.close();
    }
}
