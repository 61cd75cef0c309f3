package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.KillMode;
import dev.chaosjunit.k8s.PartitionPods;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.network.Partition;
import dev.chaosjunit.k8s.internal.select.TargetSelection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Handles {@link PartitionPods}: every matching pod is cut off, so the blast-radius caps judge them all, as a share of
 * the namespace's pods.
 */
public final class PartitionFault implements FaultHandler<PartitionPods> {

    @Override
    public String describe(PartitionPods a) {
        return "namespace = \"" + a.namespace() + "\", selector = \"" + a.selector() + "\"";
    }

    @Override
    public Set<String> sharedResources(PartitionPods a) {
        return Set.of(PodTargeting.lockKey(a.namespace(), a.selector()));
    }

    @Override
    public FaultSpec resolve(PartitionPods a, ResolveContext ctx) {
        PodTargeting t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), KillMode.ALL, 0, 0, a.wideSelector());
        var schedule = ctx.schedule(a.after(), a.duration(), a.every());
        Partition.Direction direction = Partition.Direction.valueOf(a.direction().name());
        KubeSession session = KubeSession.preflight(ctx, Set.of(t.namespace()), Permissions.partition(t.namespace()));
        Map<String, Object> attrs = new LinkedHashMap<>(t.attributes());
        attrs.put("direction", direction.name());
        return new KubeFaultSpec(session, "partition", t.namespace() + "/" + t.selector(), schedule, attrs,
                ctx.config().dryRun(), ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                var targets = TargetSelection.allMatching(session.client(), session.guardrails(), "partition",
                        t.namespace(), t.selector(), t.wide());
                calls.note("cuts off " + targets.ids());
                Partition partition = new Partition(session.client(), calls);
                partition.start(t.namespace(), t.selector(), direction, name, marks);
                return () -> partition.stop(t.namespace(), name);
            }
        };
    }
}
