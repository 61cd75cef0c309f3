package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.RollingRestart;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Handles {@link RollingRestart} as a fault (its expectation is judged by {@link RolloutCheckHandler}). */
public final class RollingRestartFault implements FaultHandler<RollingRestart> {

    @Override
    public String describe(RollingRestart a) {
        return "namespace = \"" + a.namespace() + "\", deployment = \"" + a.deployment() + "\"";
    }

    @Override
    public Set<String> sharedResources(RollingRestart a) {
        return Set.of("chaos-junit.k8s.deployment." + a.namespace() + "." + a.deployment());
    }

    @Override
    public FaultSpec resolve(RollingRestart a, ResolveContext ctx) {
        String ns = PodTargeting.namespace(ctx, a.namespace());
        String deployment = ctx.requiredString("deployment", a.deployment(), "a Deployment name such as \"service2\"");
        var within = RolloutSpecs.within(ctx, a.within());
        var schedule = ctx.schedule(a.after(), a.duration(), a.every());
        return RolloutSpecs.create(ctx, "rolling-restart", ns, deployment, within, schedule,
                Map.of("expect", a.expect().name()), (run, marks) -> run.restart(Instant.now(), marks));
    }
}
