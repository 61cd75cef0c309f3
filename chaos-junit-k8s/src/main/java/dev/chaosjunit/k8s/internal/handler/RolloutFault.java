package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.Rollout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Handles {@link Rollout} as a fault (its expectation is judged by {@link RolloutCheckHandler}). */
public final class RolloutFault implements FaultHandler<Rollout> {

    @Override
    public String describe(Rollout a) {
        return "namespace = \"" + a.namespace() + "\", deployment = \"" + a.deployment() + "\"";
    }

    @Override
    public Set<String> sharedResources(Rollout a) {
        return Set.of("chaos-junit.k8s.deployment." + a.namespace() + "." + a.deployment());
    }

    @Override
    public FaultSpec resolve(Rollout a, ResolveContext ctx) {
        String ns = PodTargeting.namespace(ctx, a.namespace());
        String deployment = ctx.requiredString("deployment", a.deployment(), "a Deployment name such as \"service2\"");
        String image = ctx.requiredString("image", a.image(), "an image such as \"example/service2:v2\"");
        String container = ctx.string("container", a.container());
        var within = RolloutSpecs.within(ctx, a.within());
        var schedule = ctx.schedule(a.after(), a.duration(), a.every());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("image", image);
        extra.put("expect", a.expect().name());
        return RolloutSpecs.create(ctx, "rollout", ns, deployment, within, schedule, extra,
                (run, marks) -> run.start(container, image, marks));
    }
}
