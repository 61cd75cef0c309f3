package dev.chaosjunit.samples.sockshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

/** The reasons a user reads when the real Sock Shop tests are disabled, and that they run once the variables exist. */
class SockShopConditionTest {

    private static ConditionEvaluationResult evaluate(Map<String, String> env, boolean prometheus, boolean kubernetes) {
        return new SockShopCondition(env::get).evaluate(prometheus, kubernetes);
    }

    @Test
    void withoutSockShopTheTestsAreDisabledWithHowToStartIt() {
        ConditionEvaluationResult r = evaluate(Map.of(), true, true);
        assertThat(r.isDisabled()).isTrue();
        assertThat(r.getReason().orElseThrow()).isEqualTo("SOCKSHOP_URL is not set (the Sock Shop front-end, for example"
                + " http://localhost:30001); PROMETHEUS_URL is not set (a Prometheus that scrapes Sock Shop, for example"
                + " http://localhost:30090); KUBECONFIG is not set (the kubeconfig of the cluster Sock Shop runs in): "
                + SockShopCondition.HOW);
    }

    @Test
    void aMalformedUrlOrAMissingKubeconfigFileIsNamed() {
        ConditionEvaluationResult r = evaluate(Map.of("SOCKSHOP_URL", "localhost:30001", "KUBECONFIG", "/nonexistent/kubeconfig"),
                false, true);
        assertThat(r.isDisabled()).isTrue();
        assertThat(r.getReason().orElseThrow()).contains("SOCKSHOP_URL=localhost:30001 is not an http(s) URL",
                "KUBECONFIG=/nonexistent/kubeconfig is not a file");
    }

    @Test
    void withTheVariablesSetTheTestsRun(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");
        ConditionEvaluationResult r = evaluate(Map.of("SOCKSHOP_URL", "http://localhost:30001",
                "PROMETHEUS_URL", "http://localhost:30090", "KUBECONFIG", kubeconfig.toString()), true, true);
        assertThat(r.isDisabled()).isFalse();
        assertThat(evaluate(Map.of("SOCKSHOP_URL", "http://localhost:30001"), false, false).isDisabled()).isFalse();
    }
}
