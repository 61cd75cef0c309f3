package dev.chaosjunit.testing;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.check.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The test-only {@link CheckHandler} proving the check SPI. */
public final class ProbeCheckHandler implements CheckHandler<Probe> {


    @Override
    public String describe(Probe a) {
        return "name = \"" + a.name() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(Probe a, ResolveContext ctx) {
        Duration baseline = ctx.duration("baseline", a.baseline());
        Duration recovery = ctx.duration("recovery", a.recovery());
        Duration haltAfter = a.haltAfter().isEmpty() ? null : ctx.duration("haltAfter", a.haltAfter());
        return new Check(a, baseline, recovery, haltAfter);
    }

    private static final class Check implements SteadyStateCheck {
        private final Probe a;
        private final Duration baseline;
        private final Duration recovery;
        private final Duration haltAfter;
        private ScheduledExecutorService timer;

        Check(Probe a, Duration baseline, Duration recovery, Duration haltAfter) {
            this.a = a;
            this.baseline = baseline;
            this.recovery = recovery;
            this.haltAfter = haltAfter;
        }

        @Override
        public String name() {
            return a.name();
        }

        @Override
        public Duration baseline() {
            return baseline;
        }

        @Override
        public Duration recovery() {
            return recovery;
        }

        @Override
        public void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
            ProbeLog.add("start " + phase.label(), at);
            if (haltAfter != null && phase == a.haltPhase()) {
                timer = Executors.newSingleThreadScheduledExecutor();
                timer.schedule(() -> {
                    ProbeLog.add("halt " + phase.label(), Instant.now());
                    control.halt(a.name() + " saw the error rate above 1%");
                }, haltAfter.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void close() {
            ProbeLog.add("close", Instant.now());
            if (timer != null) {
                timer.shutdownNow();
            }
        }

        @Override
        public void phaseEnded(Phase phase, Instant at, ExperimentControl control) {
            ProbeLog.add("end " + phase.label(), at);
            if (timer != null && phase == a.haltPhase()) {
                timer.shutdownNow();
            }
            List<Phase> fail = Arrays.asList(a.failIn());
            List<Phase> inconclusive = Arrays.asList(a.inconclusiveIn());
            if (Arrays.asList(a.throwIn()).contains(phase)) {
                throw new IllegalStateException("probe broke");
            }
            if (fail.contains(phase)) {
                control.verdict(Verdict.fail(a.name(), phase, "error rate 5.0% > 1.0%")
                        .withDetails("{\"errorRate\":0.05}"));
            } else if (inconclusive.contains(phase)) {
                control.verdict(Verdict.inconclusive(a.name(), phase, "too few samples"));
            } else {
                control.verdict(Verdict.pass(a.name(), phase, "error rate 0.0% <= 1.0%"));
            }
        }
    }
}
