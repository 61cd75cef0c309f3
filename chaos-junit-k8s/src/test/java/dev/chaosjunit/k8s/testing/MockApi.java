package dev.chaosjunit.k8s.testing;

import dev.chaosjunit.k8s.internal.guard.Permission;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * What the CRUD mock server does not do by itself, as expectations: SelfSubjectAccessReviews answered from a rule
 * set, evictions (which delete the pod, from another thread, or answer 429 as a PodDisruptionBudget would),
 * ephemeral-container patches (applied to the stored pod), and the server version.
 */
public final class MockApi {

    private static final ExecutorService ASYNC = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mock-api");
        t.setDaemon(true);
        return t;
    });

    private MockApi() {
    }

    /** The User-Agent of {@link #subjectClient}: the audit judges only requests carrying it. */
    public static final String SUBJECT_AGENT = dev.chaosjunit.k8s.internal.cluster.KubeConnection.USER_AGENT;

    /**
     * A client for the code under test, told apart from the test's own fixture client by its User-Agent, so the RBAC
     * audit judges only what the code under test asked for.
     */
    public static KubernetesClient subjectClient(KubernetesMockServer server) {
        io.fabric8.kubernetes.client.Config c = new io.fabric8.kubernetes.client.ConfigBuilder(
                server.createClient().getConfiguration()).withUserAgent(SUBJECT_AGENT)
                .withRequestRetryBackoffLimit(0).build(); // as KubeConnection: a 429 must not be retried
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(c).build();
    }

    /** Reports Kubernetes {@code 1.<minor>}; call it after {@code clearExpectations()} (the server's own 0.0 wins otherwise). */
    public static void version(KubernetesMockServer server, int minor) {
        // setVersionInfo only takes effect when the server starts; an expectation works on a running one
        server.expect().get().withPath("/version").andReturn(200, Map.of("major", "1", "minor", Integer.toString(minor),
                "gitVersion", "v1." + minor + ".0")).always();
    }

    /** Answers every access review with whether {@code allowed} grants it. */
    public static void accessReviews(KubernetesMockServer server, Predicate<Permission> allowed) {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReply(201, req -> {
            SelfSubjectAccessReview r = Serialization.unmarshal(req.getUtf8Body(), SelfSubjectAccessReview.class);
            ResourceAttributes a = r.getSpec().getResourceAttributes();
            Permission p = new Permission(a.getVerb(), a.getGroup() == null ? "" : a.getGroup(), a.getResource(),
                    a.getSubresource() == null ? "" : a.getSubresource(), a.getNamespace() == null ? "" : a.getNamespace());
            r.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed.test(p)).build());
            return r;
        }).always();
    }

    /** Answers every access review from the shipped RBAC files. */
    public static void accessReviewsFromShippedRoles(KubernetesMockServer server) {
        RbacRules rules = RbacRules.shipped();
        accessReviews(server, rules::allows);
    }

    /** Evicting {@code pod} deletes it (as the API server does when no disruption budget objects). */
    public static void evictable(KubernetesMockServer server, KubernetesClient client, String namespace, String pod) {
        server.expect().post().withPath(evictionPath(namespace, pod)).andReply(201, req -> {
            ASYNC.submit(() -> client.pods().inNamespace(namespace).withName(pod).delete());
            return new StatusBuilder().withStatus("Success").build();
        }).always();
    }

    /** Evicting {@code pod} is refused with 429, as when a PodDisruptionBudget would be violated. */
    public static void protectedByBudget(KubernetesMockServer server, String namespace, String pod) {
        server.expect().post().withPath(evictionPath(namespace, pod)).andReturn(429, new StatusBuilder()
                .withStatus("Failure").withCode(429).withReason("TooManyRequests")
                .withMessage("Cannot evict pod as it would violate the pod's disruption budget.").build()).always();
    }

    /**
     * Patching {@code pod}'s ephemeral containers stores them on the pod: the JSON Patch is applied to the CRUD store
     * from another thread (a call back into the server from its own dispatcher would wait on itself), so the change
     * shows shortly after the answer.
     */
    public static void ephemeralContainers(KubernetesMockServer server, KubernetesClient client, String namespace,
            String pod) {
        server.expect().patch().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/ephemeralcontainers")
                .andReply(200, req -> {
                    String body = req.getUtf8Body();
                    ASYNC.submit(() -> client.pods().inNamespace(namespace).withName(pod)
                            .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), body));
                    return new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(pod)
                            .withNamespace(namespace).endMetadata().build();
                }).always();
    }

    /** {@link #evictable} and {@link #ephemeralContainers} for a pod. */
    public static void usual(KubernetesMockServer server, KubernetesClient client, Pod pod) {
        evictable(server, client, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        ephemeralContainers(server, client, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }

    private static String evictionPath(String namespace, String pod) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction";
    }
}
