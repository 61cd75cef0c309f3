package dev.chaosjunit.steadystate;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadDriver;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The values a {@link SteadyStateSpecBuilder} has collected so far, with their defaults. Each builder holds its own
 * copy, so builders stay immutable; {@link #checked()} validates the combination.
 */
final class SpecDraft implements Cloneable {

    String name;
    Supplier<LoadDriver> load;
    String loadDescription;
    double rate;
    int users;
    Duration thinkTime = Duration.ZERO;
    int connections = 64;
    Duration warmup = Duration.ofSeconds(1);
    Duration baseline = Duration.ofSeconds(5);
    Duration duration = Duration.ofSeconds(10);
    Duration recovery = Duration.ofSeconds(5);
    double maxErrorRate = 0.01;
    OptionalDouble minThroughput = OptionalDouble.empty();
    Optional<Duration> p50 = Optional.empty();
    Optional<Duration> p90 = Optional.empty();
    Optional<Duration> p99 = Optional.empty();
    Optional<Duration> p999 = Optional.empty();
    long maxDropped;
    OptionalDouble maxErrorRateIncrease = OptionalDouble.empty();
    OptionalDouble maxP99Factor = OptionalDouble.empty();
    OptionalDouble haltErrorRate = OptionalDouble.empty();
    Optional<Duration> haltP99 = Optional.empty();
    Duration haltWindow = Duration.ofSeconds(3);
    Optional<Duration> recoverWithin = Optional.empty();
    SteadyState.UnsteadyBaseline unsteadyBaseline = SteadyState.UnsteadyBaseline.FAIL;

    SpecDraft copy() {
        try {
            return (SpecDraft) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** This draft, once the values that depend on each other agree. */
    SpecDraft checked() {
        if (load == null) {
            throw new InvalidSpecException("load", "", "is missing: name a @ChaosLoad method with load = \"...\""
                    + " or give a URL with target = \"http://...\"");
        }
        if (rate > 0 && users > 0) {
            throw new InvalidSpecException("users", users, "conflicts with rate = " + rate
                    + ": set rate (open model) or users (closed model), not both");
        }
        if (rate <= 0 && users <= 0) {
            throw new InvalidSpecException("rate", rate, "is missing: set rate (requests per second, open model)"
                    + " or users (closed model)");
        }
        if (recoverWithin.isPresent() && recoverWithin.get().compareTo(recovery) > 0) {
            throw new InvalidSpecException("recoverWithin", Durations.format(recoverWithin.get()),
                    "is longer than recovery = \"" + Durations.format(recovery) + "\": the recovery window must"
                            + " cover the bound; lengthen recovery or shorten recoverWithin");
        }
        if (haltWindow.compareTo(duration) > 0 && (haltErrorRate.isPresent() || haltP99.isPresent())) {
            throw new InvalidSpecException("haltWindow", Durations.format(haltWindow), "is longer than duration"
                    + " = \"" + Durations.format(duration) + "\": expected at most the chaos window");
        }
        return this;
    }

    LoadTolerances tolerances() {
        return new LoadTolerances(maxErrorRate, minThroughput, p50, p90, p99, p999, maxDropped);
    }

    BaselineTolerances baselineTolerances() {
        return new BaselineTolerances(maxErrorRateIncrease, maxP99Factor);
    }

    HaltThresholds halt() {
        return new HaltThresholds(haltErrorRate, haltP99, haltWindow);
    }
}
