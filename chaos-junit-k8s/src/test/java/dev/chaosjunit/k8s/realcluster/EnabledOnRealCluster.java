package dev.chaosjunit.k8s.realcluster;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test only against a real cluster the user named: {@code KUBECONFIG} set and {@code -Dchaos.k8s.it=true}
 * (the tests change the cluster: a kind cluster is the intended target). Disabled with that reason otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EnabledOnRealCluster.Condition.class)
public @interface EnabledOnRealCluster {

    /** The condition. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String kubeconfig = System.getenv("KUBECONFIG");
            boolean asked = Boolean.parseBoolean(System.getProperty("chaos.k8s.it", "false"));
            if (kubeconfig == null || kubeconfig.isBlank() || !asked) {
                return ConditionEvaluationResult.disabled("needs a real cluster: set KUBECONFIG (a kind cluster, e.g."
                        + " kind create cluster) and -Dchaos.k8s.it=true; "
                        + (kubeconfig == null || kubeconfig.isBlank() ? "KUBECONFIG is not set" : "chaos.k8s.it is not true"));
            }
            return ConditionEvaluationResult.enabled("KUBECONFIG=" + kubeconfig + " and chaos.k8s.it=true");
        }
    }
}
