package dev.chaosjunit.samples.rollout.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules every Kubernetes manifest of the project must follow, checked on the objects the fabric8 client parsed:
 * a known kind (a typed object, not a generic one), a name, a namespace for namespaced kinds, no unknown fields
 * anywhere (a misspelt {@code readinesProbe} would otherwise be ignored by the parser), workloads whose selector
 * matches their template's labels and whose containers have an image and a readiness probe on a declared port, and
 * Services whose selector finds a workload of the same set in their namespace, on a port that workload declares, and
 * roles whose every rule names resources and known verbs.
 */
final class ManifestRules {

    private static final Set<String> VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection", "escalate", "bind", "impersonate", "use", "*");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass", "Node");

    private ManifestRules() {
    }

    /** Every problem of {@code objects} (one manifest set, parsed together), each naming the object; empty if none. */
    static List<String> problems(List<HasMetadata> objects) {
        return problems(objects, true);
    }

    /**
     * As {@link #problems(List)}; {@code namespaceRequired = false} for templates applied with
     * {@code kubectl -n <namespace> apply} (the RBAC files shipped with chaos-junit-k8s).
     */
    static List<String> problems(List<HasMetadata> objects, boolean namespaceRequired) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata o : objects) {
            String id = id(o);
            if (o instanceof GenericKubernetesResource) {
                problems.add(id + ": kind " + o.getKind() + " of " + o.getApiVersion() + " is not a known Kubernetes kind");
                continue;
            }
            if (blank(o.getApiVersion()) || blank(o.getKind())) {
                problems.add(id + ": apiVersion and kind are required");
            }
            if (o.getMetadata() == null || blank(o.getMetadata().getName())) {
                problems.add(id + ": metadata.name is required");
                continue;
            }
            boolean clusterScoped = CLUSTER_SCOPED.contains(o.getKind());
            if (namespaceRequired && !clusterScoped && blank(o.getMetadata().getNamespace())) {
                problems.add(id + ": metadata.namespace is required for a " + o.getKind());
            }
            unknownFields(o, id, problems);
            PodTemplateSpec template = template(o);
            if (template != null) {
                workload(id, selector(o), template, problems);
            }
            if (o instanceof Service) {
                service(id, (Service) o, objects, problems);
            }
            if (o instanceof Role) {
                rules(id, ((Role) o).getRules(), problems);
            }
            if (o instanceof ClusterRole) {
                rules(id, ((ClusterRole) o).getRules(), problems);
            }
        }
        return problems;
    }

    private static void workload(String id, LabelSelector selector, PodTemplateSpec template, List<String> problems) {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            problems.add(id + ": spec.selector.matchLabels is required");
        } else if (labels == null || !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            problems.add(id + ": spec.selector.matchLabels " + selector.getMatchLabels()
                    + " does not match the template's labels " + labels);
        }
        if (template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            problems.add(id + ": the pod template has no containers");
            return;
        }
        for (Container c : template.getSpec().getContainers()) {
            String where = id + " container " + c.getName();
            if (blank(c.getName())) {
                problems.add(id + ": a container has no name");
            }
            if (blank(c.getImage())) {
                problems.add(where + ": image is required");
            }
            Probe readiness = c.getReadinessProbe();
            if (readiness == null) {
                problems.add(where + ": a readinessProbe is required (a rollout is judged by readiness)");
            } else if (readiness.getHttpGet() != null) {
                if (blank(readiness.getHttpGet().getPath())) {
                    problems.add(where + ": readinessProbe.httpGet.path is required");
                }
                if (!declaresPort(c.getPorts(), readiness.getHttpGet().getPort())) {
                    problems.add(where + ": readinessProbe port " + text(readiness.getHttpGet().getPort())
                            + " is not one of the container's ports " + portsText(c.getPorts()));
                }
            }
        }
    }

    private static void rules(String id, List<PolicyRule> rules, List<String> problems) {
        if (rules == null || rules.isEmpty()) {
            problems.add(id + ": a role without rules grants nothing");
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule r = rules.get(i);
            String where = id + " rule " + i;
            boolean urls = r.getNonResourceURLs() != null && !r.getNonResourceURLs().isEmpty();
            if (!urls && (r.getResources() == null || r.getResources().isEmpty() || r.getApiGroups() == null)) {
                problems.add(where + ": apiGroups and resources are required");
            }
            if (r.getVerbs() == null || r.getVerbs().isEmpty()) {
                problems.add(where + ": verbs are required");
            } else {
                for (String verb : r.getVerbs()) {
                    if (!VERBS.contains(verb)) {
                        problems.add(where + ": \"" + verb + "\" is not a Kubernetes verb: expected one of " + new java.util.TreeSet<>(VERBS));
                    }
                }
            }
        }
    }

    private static void service(String id, Service service, List<HasMetadata> objects, List<String> problems) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            problems.add(id + ": spec.selector is required (every Service of the samples fronts a workload of theirs)");
            return;
        }
        List<Container> containers = new ArrayList<>();
        for (HasMetadata o : objects) {
            PodTemplateSpec t = template(o);
            if (t != null && t.getMetadata() != null && t.getMetadata().getLabels() != null
                    && Objects.equals(o.getMetadata().getNamespace(), service.getMetadata().getNamespace())
                    && t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())
                    && t.getSpec() != null && t.getSpec().getContainers() != null) {
                containers.addAll(t.getSpec().getContainers());
            }
        }
        if (containers.isEmpty()) {
            problems.add(id + ": spec.selector " + selector + " matches no workload template in namespace "
                    + service.getMetadata().getNamespace());
            return;
        }
        List<ContainerPort> ports = new ArrayList<>();
        containers.forEach(c -> ports.addAll(c.getPorts() == null ? List.of() : c.getPorts()));
        for (ServicePort p : service.getSpec().getPorts()) {
            IntOrString target = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
            if (!declaresPort(ports, target)) {
                problems.add(id + ": targetPort " + text(target) + " is not a port of the selected pods " + portsText(ports));
            }
        }
    }

    private static boolean declaresPort(List<ContainerPort> ports, IntOrString port) {
        if (port == null || ports == null) {
            return false;
        }
        for (ContainerPort p : ports) {
            if (port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                    : Objects.equals(port.getIntVal(), p.getContainerPort())) {
                return true;
            }
        }
        return false;
    }

    private static PodTemplateSpec template(HasMetadata o) {
        if (o instanceof Deployment && ((Deployment) o).getSpec() != null) {
            return ((Deployment) o).getSpec().getTemplate();
        }
        if (o instanceof StatefulSet && ((StatefulSet) o).getSpec() != null) {
            return ((StatefulSet) o).getSpec().getTemplate();
        }
        if (o instanceof DaemonSet && ((DaemonSet) o).getSpec() != null) {
            return ((DaemonSet) o).getSpec().getTemplate();
        }
        return null;
    }

    private static LabelSelector selector(HasMetadata o) {
        if (o instanceof Deployment) {
            return ((Deployment) o).getSpec().getSelector();
        }
        if (o instanceof StatefulSet) {
            return ((StatefulSet) o).getSpec().getSelector();
        }
        return ((DaemonSet) o).getSpec().getSelector();
    }

    /** Fields the parser did not know end up in a model object's additionalProperties: report each, with its path. */
    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection) {
            int i = 0;
            for (Object item : (Collection<?>) node) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), problems);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
                    problems.add(path + ": unknown field(s) " + ((Map<?, ?>) value).keySet());
                }
            } else if (!(value instanceof IntOrString)) {
                String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                unknownFields(value, path + "." + field, problems);
            }
        }
    }

    private static String id(HasMetadata o) {
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return o.getKind() + " " + (ns == null ? "" : ns + "/") + name;
    }

    private static String text(IntOrString port) {
        return port == null ? "(none)" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static String portsText(List<ContainerPort> ports) {
        List<String> out = new ArrayList<>();
        if (ports != null) {
            ports.forEach(p -> out.add((p.getName() == null ? "" : p.getName() + "=") + p.getContainerPort()));
        }
        return out.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
