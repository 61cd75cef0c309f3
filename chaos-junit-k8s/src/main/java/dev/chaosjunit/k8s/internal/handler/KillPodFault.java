package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;
import dev.chaosjunit.k8s.KillPod;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.pod.PodKiller;
import dev.chaosjunit.k8s.internal.select.TargetSelection;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/** Handles {@link KillPod}. */
public final class KillPodFault implements FaultHandler<KillPod> {

    @Override
    public String describe(KillPod a) {
        return "namespace = \"" + a.namespace() + "\", selector = \"" + a.selector() + "\"";
    }

    @Override
    public Set<String> sharedResources(KillPod a) {
        return Set.of(PodTargeting.lockKey(a.namespace(), a.selector()));
    }

    @Override
    public FaultSpec resolve(KillPod a, ResolveContext ctx) {
        PodTargeting t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), a.mode(), a.count(), a.percent(),
                a.wideSelector());
        OptionalLong grace = a.gracePeriodSeconds() == -1 ? OptionalLong.empty()
                : OptionalLong.of(ctx.integer("gracePeriodSeconds", a.gracePeriodSeconds(), 0, 3600));
        Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
        KubeSession session = KubeSession.preflight(ctx, Set.of(t.namespace()), Permissions.podKill(t.namespace(), a.delete()));
        Map<String, Object> attrs = new java.util.LinkedHashMap<>(t.attributes());
        attrs.put("gracePeriodSeconds", grace.isPresent() ? grace.getAsLong() : "the pod's own");
        attrs.put("api", a.delete() ? "delete" : "eviction");
        return new KubeFaultSpec(session, "pod-kill", t.namespace() + "/" + t.selector(), schedule, attrs,
                ctx.config().dryRun(), ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                TargetSelection.Targets targets = t.choose(session.client(), session.guardrails(), "kill", random, true);
                calls.note("chose " + targets.ids() + " of " + targets.readyMatching() + " ready matching pods");
                var outcomes = new PodKiller(session.client(), calls).kill(targets.chosen(), grace, a.delete());
                calls.note("outcome: " + outcomes.stream().map(Object::toString).collect(Collectors.joining(", ")));
                return () -> { };
            }
        };
    }
}
