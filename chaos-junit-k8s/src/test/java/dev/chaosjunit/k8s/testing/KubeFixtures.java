package dev.chaosjunit.k8s.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** Runs {@link KubeFixture} classes through the JUnit Platform test kit against a mock server, via a kubeconfig. */
public final class KubeFixtures {

    public static final String FIXTURE_PARAMETER = "chaos.k8s.test.fixture";

    private KubeFixtures() {
    }

    public static boolean runByFixtures(org.junit.jupiter.api.extension.ExtensionContext context) {
        return context.getConfigurationParameter(FIXTURE_PARAMETER).isPresent();
    }

    /** A kubeconfig file whose current context {@code context} points at the mock server. */
    public static Path kubeconfig(KubernetesMockServer server, Path dir, String context) throws IOException {
        String url = server.url("/").replaceAll("/$", "");
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url
                + "\n    insecure-skip-tls-verify: true\nusers:\n- name: tester\n  user:\n    token: test-token\n"
                + "contexts:\n- name: " + context + "\n  context:\n    cluster: mock\n    user: tester\n"
                + "current-context: " + context + "\n";
        return Files.writeString(dir.resolve("kubeconfig-" + context), yaml);
    }

    public static EngineExecutionResults runMethod(Class<?> fixture, String method, Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.put(FIXTURE_PARAMETER, "true");
        all.putIfAbsent("chaos.journal.dir", "target/chaos-reports/k8s-fixtures");
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(fixture, method))
                .configurationParameters(all).execute();
    }

    public static String summary(EngineExecutionResults results) {
        return results.testEvents().finished().stream().map(e -> e.getTestDescriptor().getDisplayName() + "="
                + e.getPayload(TestExecutionResult.class).map(r -> r.getStatus() + r.getThrowable()
                        .map(t -> " " + t).orElse("")).orElse("?"))
                .collect(Collectors.joining(", "));
    }

    public static Throwable failure(EngineExecutionResults results) {
        var failed = results.testEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("expected one failed test: " + summary(results));
        }
        return failed.get(0).getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }
}
