package dev.chaosjunit.prometheus.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link EnabledIfPrometheusInstalled}. */
public final class PrometheusInstalledCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(PrometheusBinary.find());
    }

    static ConditionEvaluationResult evaluate(Optional<Path> binary) {
        return binary.map(p -> ConditionEvaluationResult.enabled("prometheus found at " + p))
                .orElseGet(() -> ConditionEvaluationResult.disabled(PrometheusBinary.MISSING_REASON));
    }
}
