package dev.chaosjunit.k8s.internal.guard;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pre-flight permission check: one {@code SelfSubjectAccessReview} per permission the declared faults need.
 * Anything missing fails before any fault starts, listing every missing rule.
 */
public final class AccessReview {

    private AccessReview() {
    }

    /** @throws GuardrailException listing every missing permission */
    public static void require(KubernetesClient client, Collection<Permission> needed) {
        List<Permission> missing = new ArrayList<>();
        for (Permission p : new LinkedHashSet<>(needed)) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                    .withResourceAttributes(new ResourceAttributesBuilder().withVerb(p.verb()).withGroup(p.group())
                            .withResource(p.resource()).withSubresource(p.subresource().isEmpty() ? null : p.subresource())
                            .withNamespace(p.namespace().isEmpty() ? null : p.namespace()).build())
                    .endSpec().build();
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
            boolean allowed = answer != null && answer.getStatus() != null
                    && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            if (!allowed) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new GuardrailException("the Kubernetes user lacks " + missing.size() + " permission"
                    + (missing.size() == 1 ? "" : "s") + " the declared faults need: "
                    + missing.stream().map(Permission::toString).collect(Collectors.joining("; "))
                    + " (see the Role files under dev/chaosjunit/k8s/rbac/ in the chaos-junit-k8s jar)");
        }
    }
}
