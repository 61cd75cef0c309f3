package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.RecoveryTime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Handles {@link RecoveryTime}: from the last fault event (kill or revert) until the Deployment is fully ready again
 * and stays so: the first fully-ready observation after the last not-ready one. The disrupting event is the last
 * fault event followed by a not-ready observation. At the end of the recovery phase it waits until the Deployment is
 * ready, at most {@code max} after that event.
 */
public final class RecoveryTimeHandler implements CheckHandler<RecoveryTime> {

    @Override
    public String describe(RecoveryTime a) {
        return "namespace = \"" + a.namespace() + "\", deployment = \"" + a.deployment() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(RecoveryTime a, ResolveContext ctx) {
        String ns = PodTargeting.namespace(ctx, a.namespace());
        String deployment = ctx.requiredString("deployment", a.deployment(), "a Deployment name such as \"front-end\"");
        Duration max = ctx.duration("max", a.max(), Duration.ofSeconds(1));
        if (max.compareTo(Duration.ofHours(1)) > 0) {
            throw ctx.invalid("max", a.max(), "is too long: expected at most 1h");
        }
        KubeSession session = KubeSession.preflight(ctx, Set.of(ns), Permissions.watchDeployments(ns));
        String name = "recovery " + ns + "/" + deployment;
        return new SteadyStateCheck() {
            private DeploymentWatch watch;

            @Override
            public String name() {
                return name;
            }

            @Override
            public void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
                if (watch == null) {
                    watch = new DeploymentWatch(session.client(), ns, deployment);
                }
            }

            @Override
            public void phaseEnded(Phase phase, Instant at, ExperimentControl control) throws InterruptedException {
                if (phase != Phase.AFTER) {
                    return;
                }
                List<Instant> events = control.timeline().stream().filter(e -> e.action() == FaultEvent.Action.INJECTED
                        || e.action() == FaultEvent.Action.REVERTED).map(FaultEvent::at).sorted().toList();
                if (events.isEmpty()) {
                    control.verdict(Verdict.inconclusive(name, phase, "no fault was injected: nothing to recover from"));
                    return;
                }
                // the fault event that disrupted the workload: the last one followed by a not-ready observation
                Instant from = null;
                for (int i = events.size() - 1; i >= 0 && from == null; i--) {
                    Instant t = events.get(i);
                    if (watch.between(t, Instant.MAX).stream().anyMatch(s -> !s.at().isBefore(t) && !s.fullyReady())) {
                        from = t;
                    }
                }
                if (from == null) {
                    control.verdict(Verdict.pass(name, phase, "never seen less than fully ready after a fault event")
                            .withDetails("{\"millis\":0,\"maxMillis\":" + max.toMillis() + "}"));
                    return;
                }
                Instant deadline = from.plus(max);
                Instant readyAt = readyAt(from);
                while (readyAt == null && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20); // the watch fills in; bounded by max
                    readyAt = readyAt(from);
                }
                if (readyAt == null) {
                    control.verdict(Verdict.fail(name, phase, "not fully ready again " + max.toMillis()
                            + " ms after the fault event at " + from));
                    return;
                }
                long ms = Duration.between(from, readyAt).toMillis();
                String details = "{\"millis\":" + ms + ",\"maxMillis\":" + max.toMillis() + "}";
                control.verdict((ms <= max.toMillis()
                        ? Verdict.pass(name, phase, "fully ready " + ms + " ms after the fault event <= " + max.toMillis() + " ms")
                        : Verdict.fail(name, phase, "fully ready " + ms + " ms after the fault event > " + max.toMillis() + " ms"))
                        .withDetails(details));
            }

            /** The first fully-ready observation after the last not-ready one since {@code from}, if ready now. */
            private Instant readyAt(Instant from) {
                Instant readyAt = null;
                for (DeploymentWatch.Seen s : watch.between(from, Instant.MAX)) {
                    if (s.at().isBefore(from)) {
                        continue;
                    }
                    if (!s.fullyReady()) {
                        readyAt = null;
                    } else if (readyAt == null) {
                        readyAt = s.at();
                    }
                }
                return readyAt;
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
