package dev.chaosjunit.testcontainers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Disables a test class with a clear reason when no Docker engine is reachable. */
public final class DockerAvailable implements ExecutionCondition {

    static final String REASON = "no Docker engine is available (Testcontainers could not connect to one): the "
            + "ToxiproxyContainer tests need Docker";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            available = false;
        }
        return available ? ConditionEvaluationResult.enabled("Docker is available")
                : ConditionEvaluationResult.disabled(REASON);
    }
}
