package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.RollingRestart;
import dev.chaosjunit.k8s.Rollout;
import dev.chaosjunit.k8s.RolloutExpectation;
import dev.chaosjunit.k8s.internal.rollout.RolloutRun;
import dev.chaosjunit.k8s.internal.rollout.RolloutStatus;

import java.lang.annotation.Annotation;
import java.time.Instant;

/**
 * The verdict half of {@link Rollout} and {@link RollingRestart}: at the end of the chaos phase (after the revert,
 * which recorded each rollout's outcome) it judges every outcome against the expectation. No outcome (a dry run, a
 * fault that never started) is inconclusive.
 */
public final class RolloutCheckHandler implements CheckHandler<Annotation> {

    @Override
    public String describe(Annotation a) {
        return a instanceof Rollout ? new RolloutFault().describe((Rollout) a)
                : new RollingRestartFault().describe((RollingRestart) a);
    }

    @Override
    public SteadyStateCheck resolve(Annotation a, ResolveContext ctx) {
        String ns;
        String deployment;
        RolloutExpectation expect;
        if (a instanceof Rollout) {
            Rollout r = (Rollout) a;
            ns = r.namespace();
            deployment = r.deployment();
            expect = r.expect();
        } else {
            RollingRestart r = (RollingRestart) a;
            ns = r.namespace();
            deployment = r.deployment();
            expect = r.expect();
        }
        String target = RolloutSpecs.target(ns, deployment);
        String name = "rollout " + ns + "/" + deployment;
        var context = ctx.extensionContext();
        return new SteadyStateCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void phaseEnded(Phase phase, Instant at, ExperimentControl control) {
                if (phase != Phase.DURING) {
                    return;
                }
                var outcomes = RolloutOutcomes.of(context).forTarget(target);
                if (outcomes.isEmpty()) {
                    control.verdict(Verdict.inconclusive(name, phase, "no rollout happened (dry run, or the fault never"
                            + " started)"));
                    return;
                }
                for (var o : outcomes) {
                    String message = RolloutRun.judge(RolloutSpecs.expectation(expect), o.status());
                    boolean ok = !message.startsWith("expected ");
                    String details = "{\"expect\":\"" + expect + "\",\"state\":\"" + o.status().state()
                            + "\",\"millis\":" + o.millis() + "}";
                    control.verdict((ok ? Verdict.pass(name, phase, message + " (" + o.millis() + " ms)")
                            : Verdict.fail(name, phase, message)).withDetails(details));
                    if (!ok && o.status().state() == RolloutStatus.State.IN_PROGRESS) {
                        control.verdict(Verdict.fail(name, phase, "the rollout had not settled when it was reverted:"
                                + " give the chaos phase (window or duration) time for it"));
                    }
                }
            }
        };
    }
}
