package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.KillMode;
import dev.chaosjunit.k8s.NodeCpuStress;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.select.PickMode;
import dev.chaosjunit.k8s.internal.select.Selector;
import dev.chaosjunit.k8s.internal.stress.Images;
import dev.chaosjunit.k8s.internal.stress.NodeStress;
import dev.chaosjunit.k8s.internal.stress.StressCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Handles {@link NodeCpuStress}. */
public final class NodeCpuStressFault implements FaultHandler<NodeCpuStress> {

    @Override
    public String describe(NodeCpuStress a) {
        return a.nodeSelector().isEmpty() ? "" : "nodeSelector = \"" + a.nodeSelector() + "\"";
    }

    @Override
    public Set<String> sharedResources(NodeCpuStress a) {
        return Set.of("chaos-junit.k8s.nodes");
    }

    @Override
    public FaultSpec resolve(NodeCpuStress a, ResolveContext ctx) {
        Selector nodes = a.nodeSelector().isBlank() ? null : PodTargeting.selector(ctx, "nodeSelector", a.nodeSelector());
        int value = a.mode() == KillMode.COUNT ? (int) ctx.integer("count", a.count(), 1, 1000)
                : a.mode() == KillMode.PERCENT ? (int) ctx.integer("percent", a.percent(), 1, 100) : 0;
        int cores = (int) ctx.integer("cores", a.cores(), 1, 256);
        int load = (int) ctx.integer("load", a.load(), 1, 100);
        var schedule = StressTiming.schedule(ctx, a.after(), a.duration(), a.every());
        var command = new StressCommand(StressCommand.Resource.CPU, cores, load, "", StressTiming.length(schedule));
        String image = a.image().isBlank() ? Images.STRESS_NG : ctx.string("image", a.image()).strip();
        String chaosNs = GuardrailSettings.read(k -> ctx.extensionContext().getConfigurationParameter(k)).chaosNamespace();
        KubeSession session = KubeSession.preflight(ctx, Set.of(chaosNs), Permissions.nodeStress(chaosNs));
        PickMode mode = PickMode.valueOf(a.mode().name());
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("nodeSelector", nodes == null ? "(every node)" : nodes.toString());
        attrs.put("mode", mode.name() + (value > 0 ? " " + value : ""));
        attrs.put("command", String.join(" ", command.command()));
        attrs.put("image", image);
        return new KubeFaultSpec(session, "node-cpu-stress", "nodes", schedule, attrs, ctx.config().dryRun(),
                ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                NodeStress stress = new NodeStress(session.client(), calls, session.guardrails());
                var chosen = stress.chooseNodes(nodes, mode, value, random);
                calls.note("chose nodes " + chosen.stream().map(n -> n.getMetadata().getName()).toList());
                var pods = stress.start(chosen, command, image, name, marks);
                return () -> stress.stop(pods);
            }
        };
    }
}
