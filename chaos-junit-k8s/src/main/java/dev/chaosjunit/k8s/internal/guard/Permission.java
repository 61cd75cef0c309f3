package dev.chaosjunit.k8s.internal.guard;

/**
 * One RBAC permission a fault needs.
 *
 * @param verb e.g. {@code create}
 * @param group API group, {@code ""} for core
 * @param resource e.g. {@code pods}
 * @param subresource e.g. {@code eviction}, or {@code ""}
 * @param namespace the namespace, or {@code ""} for cluster-scoped resources
 */
public record Permission(String verb, String group, String resource, String subresource, String namespace) {

    public static Permission core(String verb, String resource, String namespace) {
        return new Permission(verb, "", resource, "", namespace);
    }

    public static Permission core(String verb, String resource, String subresource, String namespace) {
        return new Permission(verb, "", resource, subresource, namespace);
    }

    public static Permission apps(String verb, String resource, String namespace) {
        return new Permission(verb, "apps", resource, "", namespace);
    }

    /** {@code create pods/eviction in sock-shop}. */
    @Override
    public String toString() {
        String res = (group.isEmpty() ? "" : group + "/") + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        return verb + " " + res + (namespace.isEmpty() ? " (cluster-wide)" : " in " + namespace);
    }
}
