package dev.chaosjunit.prometheus.internal;

import dev.chaosjunit.prometheus.PrometheusCheckEvaluator;
import dev.chaosjunit.prometheus.PrometheusCheckSpec;
import dev.chaosjunit.prometheus.PrometheusVerdict;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Judges one {@link PrometheusCheckSpec} per phase with range queries over exactly the phase's time span.
 *
 * <p>The baseline is judged as soon as the before phase ended (after the scrape lag), because faults must not start
 * on an unsteady system. The during and after windows are judged together when the experiment ends, so the scrape
 * lag of the during window passes while the recovery window is measured instead of delaying it.
 */
public final class PrometheusSteadyStateCheck implements SteadyStateCheck {

    private final PrometheusCheckSpec spec;
    private final PrometheusCheckEvaluator evaluator;
    private final Map<Phase, Instant> starts = new EnumMap<>(Phase.class);
    private final Map<Phase, Instant> ends = new EnumMap<>(Phase.class);

    public PrometheusSteadyStateCheck(PrometheusCheckSpec spec, PrometheusCheckEvaluator evaluator) {
        this.spec = spec;
        this.evaluator = evaluator;
    }

    @Override
    public String name() {
        return "prometheus \"" + spec.name() + "\"";
    }

    @Override
    public synchronized void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
        starts.put(phase, at);
    }

    @Override
    public void phaseEnded(Phase phase, Instant at, ExperimentControl control) {
        synchronized (this) {
            ends.put(phase, at);
        }
        if (phase == Phase.BEFORE) {
            judge(Phase.BEFORE, control);
        } else if (phase == Phase.DURING && control.halted()) {
            judge(Phase.DURING, control);   // there will be no recovery phase to judge it with
        } else if (phase == Phase.AFTER) {
            judge(Phase.DURING, control);
            judge(Phase.AFTER, control);
        }
    }

    private void judge(Phase phase, ExperimentControl control) {
        try {
            judgeWindow(phase, control);
        } catch (RuntimeException e) {
            control.verdict(Verdict.inconclusive(name(), phase, "could not be judged: " + e));
        }
    }

    private void judgeWindow(Phase phase, ExperimentControl control) {
        Instant from;
        Instant to;
        synchronized (this) {
            from = starts.get(phase);
            to = ends.get(phase);
        }
        if (!spec.appliesTo(phase) || from == null || to == null || !to.isAfter(from)) {
            return;
        }
        control.verdict(toVerdict(evaluator.evaluate(spec, phase, from, to)));
    }

    private Verdict toVerdict(PrometheusVerdict v) {
        return new Verdict(name(), v.phase(), v.outcome(), v.message(), v.toJson().toString());
    }
}
