package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;
import dev.chaosjunit.k8s.RolloutExpectation;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.rollout.RolloutRun;
import dev.chaosjunit.k8s.internal.rollout.RolloutStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The specs of {@code @Rollout} and {@code @RollingRestart}: the change, a watch on its own thread until it settles
 * (at most {@code within}), and the revert, which first waits for the watch (at most what is left of {@code within})
 * so the outcome judged is the rollout's own, then rolls back to the recorded revision.
 */
final class RolloutSpecs {

    private RolloutSpecs() {
    }

    static String target(String ns, String deployment) {
        return "deployment/" + ns + "/" + deployment;
    }

    static Duration within(ResolveContext ctx, String within) {
        Duration d = ctx.duration("within", within, Duration.ofSeconds(1));
        if (d.compareTo(Duration.ofHours(1)) > 0) {
            throw ctx.invalid("within", within, "is too long: expected at most 1h");
        }
        return d;
    }

    static FaultSpec create(ResolveContext ctx, String kind, String ns, String deployment, Duration within,
            Schedule schedule, Map<String, Object> extra, BiFunction<RolloutRun, Marks, Long> change) {
        KubeSession session = KubeSession.preflight(ctx, Set.of(ns), Permissions.rollout(ns));
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("namespace", ns);
        attrs.put("deployment", deployment);
        attrs.putAll(extra);
        attrs.put("within", within.toString());
        String target = target(ns, deployment);
        var context = ctx.extensionContext();
        return new KubeFaultSpec(session, kind, target, schedule, attrs, ctx.config().dryRun(),
                ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                RolloutRun run = new RolloutRun(session.client(), calls, ns, deployment);
                long revision = change.apply(run, marks);
                calls.note("recorded revision " + revision + " to roll back to");
                if (calls.dryRun()) {
                    calls.note("would watch the rollout for up to " + within + ", then roll back to revision " + revision);
                    return () -> { };
                }
                Instant started = Instant.now();
                CompletableFuture<RolloutStatus> settled = CompletableFuture.supplyAsync(() -> {
                    try {
                        return run.await(within);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new RolloutStatus(RolloutStatus.State.IN_PROGRESS, "watch interrupted");
                    }
                });
                return () -> {
                    RolloutStatus status;
                    try {
                        long left = Math.max(0, within.toMillis() - Duration.between(started, Instant.now()).toMillis());
                        status = settled.get(left + 1000, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        status = new RolloutStatus(RolloutStatus.State.IN_PROGRESS, "not settled within " + within);
                    }
                    long millis = Duration.between(started, Instant.now()).toMillis();
                    RolloutOutcomes.of(context).add(new RolloutOutcomes.Outcome(target, status, millis));
                    calls.note("rollout outcome after " + millis + " ms: " + status.message());
                    calls.note(run.revert());
                };
            }
        };
    }

    static RolloutRun.Expectation expectation(RolloutExpectation e) {
        return RolloutRun.Expectation.valueOf(e.name());
    }
}
