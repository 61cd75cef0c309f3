package dev.chaosjunit.k8s.extension;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.k8s.CpuStress;
import dev.chaosjunit.k8s.KillMode;
import dev.chaosjunit.k8s.KillPod;
import dev.chaosjunit.k8s.Rollout;
import dev.chaosjunit.k8s.testing.Fixtures;
import dev.chaosjunit.k8s.testing.KubeFixture;
import dev.chaosjunit.k8s.testing.KubeFixtures;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RbacAuditing;
import dev.chaosjunit.k8s.testing.RequestAudit;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear error before anything changes; a test without a Kubernetes annotation never calls the API. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(RbacAuditing.class)
class BadDeclarationsTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    private Map<String, String> params;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        server.clearExpectations();
        MockApi.version(server, 30);
        MockApi.accessReviewsFromShippedRoles(server);
        client.pods().inNamespace("shop").delete();
        Fixtures.createPods(client, "shop", "front-end", 4, Map.of("name", "front-end"));
        params = new HashMap<>();
        params.put("chaos.k8s.kubeconfig", KubeFixtures.kubeconfig(server, dir, "kind-mock").toString());
        params.put("chaos.k8s.allowedNamespaces", "shop");
        params.put("chaos.k8s.janitor", "false");
        params.put("chaos.journal.dir", dir.resolve("journal").toString());
        RequestAudit.of(server).drain(server);
    }

    private String failure(String method) {
        return KubeFixtures.failure(KubeFixtures.runMethod(Bad.class, method, params)).getMessage();
    }

    @Test
    void aSelectorSyntaxErrorNamesTheAnnotationTheAttributeAndTheProblem() throws InterruptedException {
        assertThat(failure("badSelector")).isEqualTo("@KillPod(namespace = \"shop\", selector = \"name in (a\") on"
                + " Bad.badSelector(): selector = \"name in (a\" has an unclosed '(': expected a set such as"
                + " \"env in (a,b)\"");
        assertThat(RequestAudit.of(server).drain(server)).filteredOn(RequestAudit.Entry::subject).isEmpty();
    }

    @Test
    void aBadNamespaceName() {
        assertThat(failure("badNamespace")).isEqualTo("@KillPod(namespace = \"Shop_1\", selector = \"name=front-end\")"
                + " on Bad.badNamespace(): namespace = \"Shop_1\" is not a namespace name: expected up to 63 lower-case"
                + " letters, digits or '-', starting and ending with a letter or digit");
    }

    @Test
    void aCountOutOfRange() {
        assertThat(failure("badCount")).startsWith("@KillPod(namespace = \"shop\", selector = \"name=front-end\") on"
                + " Bad.badCount(): count = 0 ");
    }

    @Test
    void stressWithoutAnEndIsRefused() {
        assertThat(failure("stressWithoutDuration")).isEqualTo("@CpuStress(namespace = \"shop\", selector ="
                + " \"name=front-end\") on Bad.stressWithoutDuration(): duration = \"\" is needed: this fault ends by"
                + " itself after its duration (it cannot be stopped through the API), so give one such as \"30s\", or a"
                + " chaos window (@ChaosTest(window = ...))");
    }

    @Test
    void aSelectorMatchingNothingFailsBeforeAnyChange() throws InterruptedException {
        assertThat(failure("matchesNothing")).contains("selector \"name=nothing\" matches no pod in namespace \"shop\""
                + " (it has 4 pods)");
        assertThat(RequestAudit.of(server).subjectChangesSinceLastDrain(server)).isEmpty();
    }

    @Test
    void aSetBasedSelectorIsEvaluatedExactlyNotWidened() throws InterruptedException {
        // the mock drops "in" terms and would return all four pods; the client-side check keeps the two named
        var r = KubeFixtures.runMethod(Bad.class, "setBased", params);
        assertThat(r.testEvents().succeeded().count()).as(KubeFixtures.summary(r)).isEqualTo(1);
        assertThat(RequestAudit.of(server).subjectChangesSinceLastDrain(server)).singleElement()
                .satisfies(e -> assertThat(e.method() + " " + e.path()).isIn("DELETE /api/v1/namespaces/shop/pods/front-end-1",
                        "DELETE /api/v1/namespaces/shop/pods/front-end-2"));
        assertThat(client.pods().inNamespace("shop").list().getItems()).hasSize(3);
    }

    @Test
    void aRolloutOfAMissingDeploymentIsRefused() {
        assertThat(failure("missingDeployment")).contains("deployment \"nope\" not found in namespace \"shop\"");
    }

    @Test
    void aTestWithoutKubernetesAnnotationsMakesNoRequestAndNeedsNoCluster() throws InterruptedException {
        params.put("chaos.k8s.kubeconfig", "/nonexistent/kubeconfig");
        var r = KubeFixtures.runMethod(Bad.class, "noKubernetes", params);
        assertThat(r.testEvents().succeeded().count()).as(KubeFixtures.summary(r)).isEqualTo(1);
        assertThat(RequestAudit.of(server).drain(server)).filteredOn(RequestAudit.Entry::subject).isEmpty();
    }

    @KubeFixture
    static class Bad {

        @ChaosTest
        @KillPod(namespace = "shop", selector = "name in (a")
        void badSelector() {
        }

        @ChaosTest
        @KillPod(namespace = "Shop_1", selector = "name=front-end")
        void badNamespace() {
        }

        @ChaosTest
        @KillPod(namespace = "shop", selector = "name=front-end", mode = KillMode.COUNT, count = 0)
        void badCount() {
        }

        @ChaosTest
        @CpuStress(namespace = "shop", selector = "name=front-end")
        void stressWithoutDuration() {
        }

        @ChaosTest
        @KillPod(namespace = "shop", selector = "name=nothing", delete = true)
        void matchesNothing() {
        }

        @ChaosTest
        @KillPod(namespace = "shop", selector = "name=front-end,pod in (front-end-1,front-end-2)", delete = true)
        void setBased() {
        }

        @ChaosTest
        @Rollout(namespace = "shop", deployment = "nope", image = "x:1")
        void missingDeployment() {
        }

        @ChaosTest
        void noKubernetes() {
        }
    }
}
