package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.ReadyReplicas;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Handles {@link ReadyReplicas}: the lowest ready count seen in each phase must be at least {@code min}. */
public final class ReadyReplicasHandler implements CheckHandler<ReadyReplicas> {

    @Override
    public String describe(ReadyReplicas a) {
        return "namespace = \"" + a.namespace() + "\", deployment = \"" + a.deployment() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(ReadyReplicas a, ResolveContext ctx) {
        String ns = PodTargeting.namespace(ctx, a.namespace());
        String deployment = ctx.requiredString("deployment", a.deployment(), "a Deployment name such as \"front-end\"");
        int min = (int) ctx.integer("min", a.min(), 0, 10000);
        KubeSession session = KubeSession.preflight(ctx, Set.of(ns), Permissions.watchDeployments(ns));
        String name = "ready replicas " + ns + "/" + deployment;
        return new SteadyStateCheck() {
            private DeploymentWatch watch;
            private final Map<Phase, Instant> starts = new EnumMap<>(Phase.class);

            @Override
            public String name() {
                return name;
            }

            @Override
            public void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
                if (watch == null) {
                    watch = new DeploymentWatch(session.client(), ns, deployment);
                }
                starts.put(phase, at);
            }

            @Override
            public void phaseEnded(Phase phase, Instant at, ExperimentControl control) {
                var seen = watch.between(starts.get(phase), at);
                int lowest = seen.stream().mapToInt(DeploymentWatch.Seen::ready).min().orElse(0);
                String details = "{\"lowest\":" + lowest + ",\"min\":" + min + ",\"observations\":" + seen.size() + "}";
                control.verdict((lowest >= min
                        ? Verdict.pass(name, phase, "lowest ready replicas " + lowest + " >= " + min)
                        : Verdict.fail(name, phase, "lowest ready replicas " + lowest + " < " + min)).withDetails(details));
            }

            @Override
            public void close() {
                if (watch != null) {
                    watch.close();
                }
            }
        };
    }
}
