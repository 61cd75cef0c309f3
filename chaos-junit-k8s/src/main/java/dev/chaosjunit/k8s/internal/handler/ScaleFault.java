package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.ScaleDeployment;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.rollout.Deployments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Handles {@link ScaleDeployment}: JSON Patch of {@code spec.replicas}, back to the original count on revert. */
public final class ScaleFault implements FaultHandler<ScaleDeployment> {

    @Override
    public String describe(ScaleDeployment a) {
        return "namespace = \"" + a.namespace() + "\", deployment = \"" + a.deployment() + "\"";
    }

    @Override
    public Set<String> sharedResources(ScaleDeployment a) {
        return Set.of("chaos-junit.k8s.deployment." + a.namespace() + "." + a.deployment());
    }

    @Override
    public FaultSpec resolve(ScaleDeployment a, ResolveContext ctx) {
        String ns = PodTargeting.namespace(ctx, a.namespace());
        String deployment = ctx.requiredString("deployment", a.deployment(), "a Deployment name such as \"service2\"");
        int replicas = (int) ctx.integer("replicas", a.replicas(), 0, 1000);
        var schedule = ctx.schedule(a.after(), a.duration(), a.every());
        KubeSession session = KubeSession.preflight(ctx, Set.of(ns), Permissions.rollout(ns));
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("namespace", ns);
        attrs.put("deployment", deployment);
        attrs.put("replicas", replicas);
        return new KubeFaultSpec(session, "scale", RolloutSpecs.target(ns, deployment), schedule, attrs,
                ctx.config().dryRun(), ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                Deployments deployments = new Deployments(session.client(), calls);
                int original = deployments.scale(deployments.get(ns, deployment), replicas, marks);
                calls.note("original replicas " + original);
                return () -> {
                    deployments.setReplicas(ns, deployment, original);
                    deployments.unmark(ns, deployment);
                };
            }
        };
    }
}
