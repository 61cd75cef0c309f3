package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.ThinkTime;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A validated, immutable load steady-state hypothesis: the programmatic twin of {@link SteadyState}. Build one with
 * {@link #builder(String)}; every builder method returns a new builder, validates at once and throws
 * {@link InvalidSpecException} naming the attribute, the value and what is valid.
 *
 * <pre>{@code
 * SteadyStateSpec spec = SteadyStateSpec.builder("checkout")
 *         .load(() -> LoadDriver.target(orders.url()).request(Request.post("/orders").jsonBody("{}")))
 *         .rate(200).duration("30s")
 *         .maxErrorRate(0.01).p99("800ms")
 *         .build();
 *
 * &#64;RegisterExtension
 * static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", "localhost:8081").check(spec::toCheck)
 *         .build();
 * }</pre>
 */
public final class SteadyStateSpec {

    /** The load's shape: the open model has a rate, the closed model users; exactly one is above 0. */
    private record Model(double rate, int users, Duration thinkTime, int connections) {
    }

    /** The phase windows; {@code recoverWithin} is at most {@code recovery}. */
    private record Windows(Duration warmup, Duration baseline, Duration duration, Duration recovery,
                           Duration recoverWithin) {
    }

    private final String name;
    private final Supplier<LoadDriver> load;
    private final String loadDescription;
    private final Model model;
    private final Windows windows;
    private final LoadTolerances tolerances;
    private final BaselineTolerances relative;
    private final HaltThresholds halt;
    private final SteadyState.UnsteadyBaseline unsteadyBaseline;

    SteadyStateSpec(SpecDraft d) {
        this.name = d.name;
        this.load = d.load;
        this.loadDescription = d.loadDescription;
        this.model = new Model(d.rate, d.users, d.thinkTime, d.connections);
        this.windows = new Windows(d.warmup, d.baseline, d.duration, d.recovery, d.recoverWithin.orElse(d.recovery));
        this.tolerances = d.tolerances();
        this.relative = d.baselineTolerances();
        this.halt = d.halt();
        this.unsteadyBaseline = d.unsteadyBaseline;
    }

    /** A builder for a hypothesis named {@code name} (its name in verdicts and {@code run.load(name)}). */
    public static SteadyStateSpecBuilder builder(String name) {
        return SteadyStateSpecBuilder.named(name);
    }

    public String name() {
        return name;
    }

    /**
     * A fresh check for one test run, for the programmatic form:
     * {@code ChaosExtension.builder().check(spec::toCheck)}. Its {@code run.load(name)} results work as with the
     * annotation.
     */
    public SteadyStateCheck toCheck() {
        return new LoadSteadyStateCheck(this);
    }

    /** Creates the load driver (called when the experiment starts). */
    public LoadDriver newDriver() {
        LoadDriver driver = load.get();
        if (driver == null) {
            throw new IllegalStateException("the load of steady state \"" + name + "\" (" + loadDescription
                    + ") returned null: return a LoadDriver");
        }
        return driver;
    }

    /** Where the load comes from, for messages and the journal. */
    public String loadDescription() {
        return loadDescription;
    }

    /** The profile for a run that lasts at most {@code total}: the load is stopped when the experiment ends. */
    public LoadProfile profile(Duration total) {
        if (model.users() > 0) {
            Duration think = model.thinkTime();
            return LoadProfile.closed(model.users(), total)
                    .withThinkTime(think.isZero() ? ThinkTime.none() : ThinkTime.fixed(think));
        }
        return LoadProfile.constantRate(model.rate(), total);
    }

    /** Open-model rate (requests per second), 0 for the closed model. */
    public double rate() {
        return model.rate();
    }

    /** Closed-model users, 0 for the open model. */
    public int users() {
        return model.users();
    }

    public int connections() {
        return model.connections();
    }

    public Duration warmup() {
        return windows.warmup();
    }

    public Duration baseline() {
        return windows.baseline();
    }

    /** The least length of the during phase. */
    public Duration duration() {
        return windows.duration();
    }

    public Duration recovery() {
        return windows.recovery();
    }

    /** The absolute tolerances, judged in every phase. */
    public LoadTolerances tolerances() {
        return tolerances;
    }

    /** During-chaos error rate at most baseline + this; empty when not checked. */
    public Optional<Double> maxErrorRateIncrease() {
        return SpecValues.boxed(relative.maxErrorRateIncrease());
    }

    /** During-chaos p99 at most this factor times the baseline p99; empty when not checked. */
    public Optional<Double> maxP99Factor() {
        return SpecValues.boxed(relative.maxP99Factor());
    }

    /** Error rate over the halt window that stops chaos at once; empty when never. */
    public Optional<Double> haltErrorRate() {
        return SpecValues.boxed(halt.errorRate());
    }

    /** p99 over the halt window that stops chaos at once; empty when never. */
    public Optional<Duration> haltP99() {
        return halt.p99();
    }

    public Duration haltWindow() {
        return halt.window();
    }

    /** Whether any halt threshold is set. */
    public boolean halts() {
        return halt.any();
    }

    public Duration recoverWithin() {
        return windows.recoverWithin();
    }

    public SteadyState.UnsteadyBaseline unsteadyBaseline() {
        return unsteadyBaseline;
    }

    BaselineTolerances baselineTolerances() {
        return relative;
    }

    HaltThresholds haltThresholds() {
        return halt;
    }

    /** {@code 20 users} or {@code 40.0/s}. */
    String modelDescription() {
        return model.users() > 0 ? model.users() + " users" : model.rate() + "/s";
    }

    @Override
    public String toString() {
        return "SteadyState[" + name + ": " + loadDescription + ", " + modelDescription()
                + ", warmup " + Durations.format(warmup()) + ", baseline " + Durations.format(baseline())
                + ", during " + Durations.format(duration()) + ", recovery " + Durations.format(recovery())
                + ", " + tolerances + "]";
    }
}
