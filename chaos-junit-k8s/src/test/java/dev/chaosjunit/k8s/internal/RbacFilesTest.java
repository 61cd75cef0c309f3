package dev.chaosjunit.k8s.internal;

import dev.chaosjunit.k8s.internal.guard.Permission;
import dev.chaosjunit.k8s.testing.RbacRules;
import dev.chaosjunit.k8s.testing.RequestAudit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped RBAC files parse with fabric8, and the audit's mapping and rule check can fail. */
class RbacFilesTest {

    @Test
    void everyFileParsesAndGrantsOnlyWhatItsFamilyNeeds() {
        assertThat(RbacRules.file("pod-kill").allows(Permission.core("create", "pods", "eviction", "shop"))).isTrue();
        assertThat(RbacRules.file("pod-kill").allows(Permission.core("patch", "pods", "ephemeralcontainers", "shop")))
                .isFalse();
        assertThat(RbacRules.file("rollout").allows(Permission.apps("patch", "deployments", "shop"))).isTrue();
        assertThat(RbacRules.file("rollout").allows(Permission.apps("delete", "deployments", "shop"))).isFalse();
        assertThat(RbacRules.file("node-stress").allows(Permission.core("list", "nodes", ""))).isTrue();
        assertThat(RbacRules.shipped().allows(Permission.core("delete", "nodes", ""))).isFalse();
        assertThat(RbacRules.shipped().allows(Permission.core("list", "secrets", "shop"))).isFalse();
    }

    @Test
    void requestsMapToVerbsAndResources() {
        assertThat(RequestAudit.permission("POST", "/api/v1/namespaces/shop/pods/front-end-1/eviction"))
                .contains(Permission.core("create", "pods", "eviction", "shop"));
        assertThat(RequestAudit.permission("GET", "/apis/apps/v1/namespaces/shop/deployments?fieldSelector="
                + "metadata.name%3Dservice2&watch=true")).contains(Permission.apps("watch", "deployments", "shop"));
        assertThat(RequestAudit.permission("GET", "/api/v1/namespaces/shop/pods?labelSelector=app%3Dx"))
                .contains(Permission.core("list", "pods", "shop"));
        assertThat(RequestAudit.permission("PATCH", "/api/v1/namespaces/shop/pods/p/ephemeralcontainers"))
                .contains(Permission.core("patch", "pods", "ephemeralcontainers", "shop"));
        assertThat(RequestAudit.permission("GET", "/api/v1/nodes")).contains(Permission.core("list", "nodes", ""));
        assertThat(RequestAudit.permission("DELETE", "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/x"))
                .contains(new Permission("delete", "networking.k8s.io", "networkpolicies", "", "shop"));
        assertThat(RequestAudit.permission("GET", "/version")).isEmpty();
    }

    @Test
    void everyRequestOfTheMockTestsSoFarIsGranted() {
        // the per-test audits (RbacAuditing) ran on every mock test class; this re-checks what they saw in this JVM
        RbacRules rules = RbacRules.shipped();
        assertThat(RequestAudit.everySubjectEntry()).allSatisfy(e -> assertThat(e.permission()
                .map(rules::allows).orElse(true)).as(e.method() + " " + e.path()).isTrue());
    }
}
