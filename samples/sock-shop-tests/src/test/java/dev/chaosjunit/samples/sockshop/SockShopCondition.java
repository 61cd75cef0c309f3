package dev.chaosjunit.samples.sockshop;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresSockShop} from the environment variables. */
final class SockShopCondition implements ExecutionCondition {

    static final String HOW = "start Sock Shop on a kind cluster with scripts/sockshop-up.sh and export what it prints";

    private final UnaryOperator<String> env;

    SockShopCondition() {
        this(SockShopCondition::variable);
    }

    /** An environment variable, or else the system property of the same name (as chaos-junit's placeholders do). */
    static String variable(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank() ? value : System.getProperty(name);
    }

    SockShopCondition(UnaryOperator<String> env) {
        this.env = env;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresSockShop required = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresSockShop.class))
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresSockShop.class)))
                .orElse(null);
        if (required == null) {
            return ConditionEvaluationResult.enabled("no @RequiresSockShop");
        }
        return evaluate(required.prometheus(), required.kubernetes());
    }

    /** Enabled when every needed variable is set and well formed; otherwise disabled, naming each missing one. */
    ConditionEvaluationResult evaluate(boolean prometheus, boolean kubernetes) {
        List<String> missing = new ArrayList<>();
        url("SOCKSHOP_URL", "the Sock Shop front-end, for example http://localhost:30001", missing);
        if (prometheus) {
            url("PROMETHEUS_URL", "a Prometheus that scrapes Sock Shop, for example http://localhost:30090", missing);
        }
        if (kubernetes) {
            String kubeconfig = env.apply("KUBECONFIG");
            if (kubeconfig == null || kubeconfig.isBlank()) {
                missing.add("KUBECONFIG is not set (the kubeconfig of the cluster Sock Shop runs in)");
            } else if (!Files.isRegularFile(Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]))) {
                missing.add("KUBECONFIG=" + kubeconfig + " is not a file");
            }
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Sock Shop at " + env.apply("SOCKSHOP_URL"));
        }
        return ConditionEvaluationResult.disabled(String.join("; ", missing) + ": " + HOW);
    }

    private void url(String name, String what, List<String> missing) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            missing.add(name + " is not set (" + what + ")");
            return;
        }
        try {
            URI uri = URI.create(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        missing.add(name + "=" + value + " is not an http(s) URL (" + what + ")");
    }
}
