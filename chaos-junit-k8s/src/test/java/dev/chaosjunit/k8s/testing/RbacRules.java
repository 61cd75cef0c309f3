package dev.chaosjunit.k8s.testing;

import dev.chaosjunit.k8s.internal.guard.Permission;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The shipped Role/ClusterRole files, parsed with fabric8, and whether they allow a permission. */
public final class RbacRules {

    /** One file per fault family, as shipped in the jar. */
    public static final List<String> FILES = List.of("pod-kill", "pod-stress", "pod-network", "partition", "rollout",
            "steady-state", "janitor", "node-stress");

    private final List<PolicyRule> namespaced = new ArrayList<>();
    private final List<PolicyRule> clusterWide = new ArrayList<>();

    private RbacRules() {
    }

    /** Every shipped file. */
    public static RbacRules shipped() {
        RbacRules r = new RbacRules();
        for (String f : FILES) {
            r.add("/dev/chaosjunit/k8s/rbac/" + f + ".yaml");
        }
        return r;
    }

    /** One shipped file. */
    public static RbacRules file(String name) {
        RbacRules r = new RbacRules();
        r.add("/dev/chaosjunit/k8s/rbac/" + name + ".yaml");
        return r;
    }

    private void add(String resource) {
        try (InputStream in = RbacRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                if (doc.replaceAll("(?m)^#.*$", "").isBlank()) {
                    continue;
                }
                @SuppressWarnings("deprecation") // the untyped form picks the class from the document kind
                HasMetadata o = Serialization.unmarshal(doc);
                if (o instanceof ClusterRole) {
                    clusterWide.addAll(((ClusterRole) o).getRules());
                } else if (o instanceof Role) {
                    namespaced.addAll(((Role) o).getRules());
                } else {
                    throw new IllegalStateException(resource + " holds a " + o.getKind() + ", not a Role or ClusterRole");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the rules grant {@code p} (a Role counts for any namespace it is bound in). */
    public boolean allows(Permission p) {
        if (clusterWide.stream().anyMatch(r -> grants(r, p))) {
            return true;
        }
        return !p.namespace().isEmpty() && namespaced.stream().anyMatch(r -> grants(r, p));
    }

    private static boolean grants(PolicyRule r, Permission p) {
        String res = p.resource() + (p.subresource().isEmpty() ? "" : "/" + p.subresource());
        return has(r.getApiGroups(), p.group()) && has(r.getResources(), res) && has(r.getVerbs(), p.verb());
    }

    private static boolean has(List<String> list, String v) {
        return list != null && (list.contains(v) || list.contains("*"));
    }
}
