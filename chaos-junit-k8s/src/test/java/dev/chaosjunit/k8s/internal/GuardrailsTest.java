package dev.chaosjunit.k8s.internal;

import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailsTest {

    private static Guardrails with(Map<String, String> config) {
        return new Guardrails(GuardrailSettings.read(k -> Optional.ofNullable(config.get(k))));
    }

    @Test
    void localContextsAreAllowedByDefaultOthersMustBeNamed() {
        Guardrails g = with(Map.of());
        assertThatCode(() -> g.checkContext("kind-dev")).doesNotThrowAnyException();
        assertThatCode(() -> g.checkContext("minikube")).doesNotThrowAnyException();
        assertThatCode(() -> g.checkContext("k3d-x")).doesNotThrowAnyException();
        assertThatCode(() -> g.checkContext("docker-desktop")).doesNotThrowAnyException();
        assertThatThrownBy(() -> g.checkContext("gke_prod")).hasMessage("kube context \"gke_prod\" is not allowed:"
                + " allowed are [kind-*, minikube, k3d-*, docker-desktop]; add it to chaos.k8s.allowedContexts"
                + " (a comma-separated list, '*' as wildcard) if faults may run there");
        assertThatCode(() -> with(Map.of("chaos.k8s.allowedContexts", "staging-*")).checkContext("staging-eu"))
                .doesNotThrowAnyException();
    }

    @Test
    void namespacesAreRefusedUntilListedAndKubeSystemNeedsItsName() {
        assertThatThrownBy(() -> with(Map.of()).checkNamespace("shop")).hasMessage("namespace \"shop\" is not allowed:"
                + " no namespace is allowed yet; set chaos.k8s.allowedNamespaces=shop (a comma-separated list) to let"
                + " Kubernetes faults touch it");
        Guardrails wildcard = with(Map.of("chaos.k8s.allowedNamespaces", "*"));
        assertThatCode(() -> wildcard.checkNamespace("shop")).doesNotThrowAnyException();
        assertThatThrownBy(() -> wildcard.checkNamespace("kube-system")).hasMessage("namespace \"kube-system\" is not"
                + " allowed (kube-system is never allowed by a wildcard): allowed are [*]; set"
                + " chaos.k8s.allowedNamespaces=kube-system (a comma-separated list) to let Kubernetes faults touch it");
        assertThatThrownBy(() -> wildcard.checkNamespace("chaos-junit")).hasMessageContaining("(it is the chaos"
                + " namespace, where chaos-junit runs its own pods)");
        assertThatCode(() -> with(Map.of("chaos.k8s.allowedNamespaces", "kube-system")).checkNamespace("kube-system"))
                .doesNotThrowAnyException();
    }

    @Test
    void blastRadiusCapsGiveTheNumbers() {
        Guardrails g = with(Map.of("chaos.k8s.maxPods", "3"));
        assertThatThrownBy(() -> g.checkBlastRadius("kill", 4, 20, true)).hasMessage("kill would touch 4 pods, more"
                + " than the cap of 3 (chaos.k8s.maxPods)");
        assertThatThrownBy(() -> g.checkSelectorShare("app", "shop", 9, 10, false)).hasMessage("selector \"app\""
                + " matches 9 of 10 pods in namespace \"shop\" (90%), more than 80% (chaos.k8s.maxSelectorShare):"
                + " narrow it, or say wideSelector = true if you mean it");
        assertThatCode(() -> g.checkSelectorShare("app", "shop", 9, 10, true)).doesNotThrowAnyException();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> with(Map.of("chaos.k8s.maxShare", "2"))).hasMessage("chaos.k8s.maxShare = \"2\" is"
                + " not valid: expected a share above 0.0 and at most 1.0, such as 0.5");
        assertThatThrownBy(() -> with(Map.of("chaos.k8s.maxPods", "zero"))).hasMessage("chaos.k8s.maxPods = \"zero\""
                + " is not valid: expected a whole number of at least 1");
    }
}
