package dev.chaosjunit.k8s.internal.stress;

import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;

/** Ephemeral containers are stable since Kubernetes 1.25: older API servers are refused before anything changes. */
public final class ServerVersion {

    private ServerVersion() {
    }

    /** @throws GuardrailException if the API server is older than 1.25 */
    public static void requireEphemeralContainers(KubernetesClient client, String what) {
        VersionInfo v = client.getKubernetesVersion();
        int major = number(v == null ? null : v.getMajor());
        int minor = number(v == null ? null : v.getMinor());
        if (major < 1 || (major == 1 && minor < 25)) {
            throw new GuardrailException(what + " needs ephemeral containers, stable since Kubernetes 1.25; the API"
                    + " server reports version " + (v == null ? "(none)" : v.getMajor() + "." + v.getMinor()));
        }
    }

    private static int number(String s) {
        if (s == null) {
            return 0;
        }
        String digits = s.replaceAll("[^0-9].*$", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
