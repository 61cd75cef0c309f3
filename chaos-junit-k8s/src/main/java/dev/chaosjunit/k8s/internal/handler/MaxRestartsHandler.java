package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.MaxRestarts;
import dev.chaosjunit.k8s.internal.select.Pods;
import dev.chaosjunit.k8s.internal.select.Selector;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Handles {@link MaxRestarts}: container restarts of the matching pods since the baseline started, counted per pod
 * (a replaced pod starts again from its own count), at most {@code max} at the end of every phase.
 */
public final class MaxRestartsHandler implements CheckHandler<MaxRestarts> {

    @Override
    public String describe(MaxRestarts a) {
        return "namespace = \"" + a.namespace() + "\", selector = \"" + a.selector() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(MaxRestarts a, ResolveContext ctx) {
        String ns = PodTargeting.namespace(ctx, a.namespace());
        Selector selector = PodTargeting.selector(ctx, "selector", a.selector());
        int max = (int) ctx.integer("max", a.max(), 0, 10000);
        KubeSession session = KubeSession.preflight(ctx, Set.of(ns), Permissions.listPods(ns));
        String name = "restarts " + ns + "/" + selector;
        return new SteadyStateCheck() {
            private Map<String, Integer> baseline;

            @Override
            public String name() {
                return name;
            }

            private Map<String, Integer> counts() {
                Map<String, Integer> m = new HashMap<>();
                Pods.matching(Pods.all(session.client(), ns), selector)
                        .forEach(p -> m.put(p.getMetadata().getUid() == null ? p.getMetadata().getName()
                                : p.getMetadata().getUid(), Pods.restarts(p)));
                return m;
            }

            @Override
            public void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
                if (baseline == null) {
                    baseline = counts();
                }
            }

            @Override
            public void phaseEnded(Phase phase, Instant at, ExperimentControl control) {
                int restarts = 0;
                for (var e : counts().entrySet()) {
                    restarts += e.getValue() - baseline.getOrDefault(e.getKey(), 0);
                }
                control.verdict((restarts <= max ? Verdict.pass(name, phase, restarts + " restarts <= " + max)
                        : Verdict.fail(name, phase, restarts + " restarts > " + max))
                        .withDetails("{\"restarts\":" + restarts + ",\"max\":" + max + "}"));
            }
        };
    }
}
