package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.stress.Images;
import dev.chaosjunit.k8s.internal.stress.PodStress;
import dev.chaosjunit.k8s.internal.stress.StressCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The spec of a pod-level stress fault: one stress-ng ephemeral container per chosen pod, ending by itself. */
final class PodStressSpec {

    private PodStressSpec() {
    }

    static FaultSpec create(ResolveContext ctx, String kind, PodTargeting t, StressCommand command, String image,
            Schedule schedule) {
        String img = image.isBlank() ? Images.STRESS_NG : ctx.string("image", image).strip();
        KubeSession session = KubeSession.preflight(ctx, Set.of(t.namespace()), Permissions.ephemeral(t.namespace()));
        Map<String, Object> attrs = new LinkedHashMap<>(t.attributes());
        attrs.put("command", String.join(" ", command.command()));
        attrs.put("image", img);
        return new KubeFaultSpec(session, kind, t.namespace() + "/" + t.selector(), schedule, attrs,
                ctx.config().dryRun(), ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                var targets = t.choose(session.client(), session.guardrails(), kind, random, false);
                calls.note("chose " + targets.ids() + " of " + targets.readyMatching() + " ready matching pods");
                new PodStress(session.client(), calls).start(targets.chosen(), command, img, name, marks);
                // an ephemeral container cannot be stopped: it ends at its own --timeout
                return () -> calls.note("nothing to revert: stress-ng ends at its --timeout");
            }
        };
    }
}
