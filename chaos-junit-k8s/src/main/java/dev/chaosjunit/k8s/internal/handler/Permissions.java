package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.k8s.internal.guard.Permission;

import java.util.List;

/** The permissions each fault family needs, as the shipped Role files grant them. */
final class Permissions {

    private Permissions() {
    }

    static List<Permission> podKill(String ns, boolean delete) {
        return List.of(Permission.core("list", "pods", ns), delete ? Permission.core("delete", "pods", ns)
                : Permission.core("create", "pods", "eviction", ns));
    }

    static List<Permission> ephemeral(String ns) {
        // the client reads the pod before it patches the subresource
        return List.of(Permission.core("get", "pods", ns), Permission.core("list", "pods", ns),
                Permission.core("patch", "pods", "ephemeralcontainers", ns));
    }

    static List<Permission> nodeStress(String chaosNs) {
        return List.of(Permission.core("list", "nodes", ""), Permission.core("create", "pods", chaosNs),
                Permission.core("delete", "pods", chaosNs));
    }

    static List<Permission> partition(String ns) {
        return List.of(Permission.core("list", "pods", ns),
                new Permission("create", "networking.k8s.io", "networkpolicies", "", ns),
                new Permission("delete", "networking.k8s.io", "networkpolicies", "", ns));
    }

    static List<Permission> rollout(String ns) {
        return List.of(Permission.apps("get", "deployments", ns), Permission.apps("patch", "deployments", ns),
                Permission.apps("watch", "deployments", ns), Permission.apps("list", "replicasets", ns));
    }

    static List<Permission> watchDeployments(String ns) {
        return List.of(Permission.apps("get", "deployments", ns), Permission.apps("watch", "deployments", ns));
    }

    static List<Permission> listPods(String ns) {
        return List.of(Permission.core("list", "pods", ns));
    }
}
