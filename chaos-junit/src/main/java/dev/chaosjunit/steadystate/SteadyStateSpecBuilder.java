package dev.chaosjunit.steadystate;

import dev.chaosjunit.load.LoadDriver;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds a {@link SteadyStateSpec} (from {@link SteadyStateSpec#builder(String)}): immutable, every method returns a
 * new builder and validates its value at once, throwing {@link InvalidSpecException} with the same text as the
 * annotation form.
 */
public final class SteadyStateSpecBuilder {
    private final SpecDraft draft;

    private SteadyStateSpecBuilder(SpecDraft draft) {
        this.draft = draft;
    }

    static SteadyStateSpecBuilder named(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("name", name, "is blank: give the load a name, such as \"checkout\"");
        }
        SpecDraft d = new SpecDraft();
        d.name = name;
        return new SteadyStateSpecBuilder(d);
    }

    /** The load (target, scenario, connections); its profile is replaced by this hypothesis' rate or users. */
    public SteadyStateSpecBuilder load(Supplier<LoadDriver> load) {
        return load(load, "a LoadDriver supplier");
    }

    /** Like {@link #load(Supplier)}, with a description for messages and the journal. */
    public SteadyStateSpecBuilder load(Supplier<LoadDriver> load, String description) {
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(description, "description");
        return with(d -> {
            d.load = load;
            d.loadDescription = description;
        });
    }

    /** The load: {@code GET} requests to {@code url}. */
    public SteadyStateSpecBuilder target(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidSpecException("target", url, "is blank: expected an http:// URL");
        }
        LoadDriver driver;
        try {
            driver = LoadDriver.target(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("target", url, "is not a usable URL (" + e.getMessage() + ")");
        }
        return load(() -> driver, url);
    }

    /** Open model: requests per second (more than 0, at most 1,000,000). */
    public SteadyStateSpecBuilder rate(double perSecond) {
        if (!(perSecond > 0) || perSecond > 1_000_000) {
            throw new InvalidSpecException("rate", perSecond,
                    "is out of range: expected requests per second above 0 and at most 1000000");
        }
        return with(d -> d.rate = perSecond);
    }

    /** Closed model: concurrent users (1 to 10,000). */
    public SteadyStateSpecBuilder users(int users) {
        return with(d -> d.users = SpecValues.within("users", users, 1, 10_000,
                "is out of range: expected 1 to 10000 users"));
    }

    /** Closed model: the pause between a user's requests. */
    public SteadyStateSpecBuilder thinkTime(String pause) {
        return with(d -> d.thinkTime = SpecValues.duration("thinkTime", pause, Duration.ZERO));
    }

    /** Open model: most requests in flight (1 to 10,000). */
    public SteadyStateSpecBuilder connections(int connections) {
        return with(d -> d.connections = SpecValues.within("connections", connections, 1, 10_000,
                "is out of range: expected 1 to 10000"));
    }

    /** The unmeasured start of the load. */
    public SteadyStateSpecBuilder warmup(String warmup) {
        return with(d -> d.warmup = SpecValues.duration("warmup", warmup, Duration.ZERO));
    }

    /** The baseline window (at least 1s: windows are made of whole seconds). */
    public SteadyStateSpecBuilder baseline(String baseline) {
        return with(d -> d.baseline = SpecValues.duration("baseline", baseline, Duration.ofSeconds(1)));
    }

    /** The least chaos window (at least 1s). */
    public SteadyStateSpecBuilder duration(String duration) {
        return with(d -> d.duration = SpecValues.duration("duration", duration, Duration.ofSeconds(1)));
    }

    /** The recovery window (at least 1s). */
    public SteadyStateSpecBuilder recovery(String recovery) {
        return with(d -> d.recovery = SpecValues.duration("recovery", recovery, Duration.ofSeconds(1)));
    }

    /**
     * Highest error rate in every phase, a fraction from 0 up to, not including, 1 ({@code 0.01} = 1%); {@code 1} or
     * more is refused: it would allow every request to fail; negative: not checked.
     */
    public SteadyStateSpecBuilder maxErrorRate(double rate) {
        if (rate < 0) {
            return with(d -> d.maxErrorRate = Double.POSITIVE_INFINITY);   // not checked
        }
        return with(d -> d.maxErrorRate = SpecValues.errorRateBound("maxErrorRate", rate,
                "allows every request to fail"));
    }

    /** Fewest completed requests per second; negative: not checked. */
    public SteadyStateSpecBuilder minThroughput(double perSecond) {
        if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            throw new InvalidSpecException("minThroughput", perSecond,
                    "is not a number: expected requests per second (negative: not checked)");
        }
        return with(d -> d.minThroughput = perSecond < 0 ? OptionalDouble.empty() : OptionalDouble.of(perSecond));
    }

    /** Highest median latency; empty: not checked. */
    public SteadyStateSpecBuilder p50(String latency) {
        return with(d -> d.p50 = SpecValues.optionalLatency("p50", latency));
    }

    /** Highest 90th percentile latency; empty: not checked. */
    public SteadyStateSpecBuilder p90(String latency) {
        return with(d -> d.p90 = SpecValues.optionalLatency("p90", latency));
    }

    /** Highest 99th percentile latency; empty: not checked. */
    public SteadyStateSpecBuilder p99(String latency) {
        return with(d -> d.p99 = SpecValues.optionalLatency("p99", latency));
    }

    /** Highest 99.9th percentile latency; empty: not checked. */
    public SteadyStateSpecBuilder p999(String latency) {
        return with(d -> d.p999 = SpecValues.optionalLatency("p999", latency));
    }

    /** Most dropped requests in every phase. */
    public SteadyStateSpecBuilder maxDropped(long dropped) {
        if (dropped < 0) {
            throw new InvalidSpecException("maxDropped", dropped, "is negative: expected 0 or more requests");
        }
        return with(d -> d.maxDropped = dropped);
    }

    /**
     * During-chaos error rate at most baseline + {@code delta}, a fraction from 0 up to, not including, 1; {@code 1}
     * or more is refused (it would allow every request to fail whatever the baseline); negative: not checked.
     */
    public SteadyStateSpecBuilder maxErrorRateIncrease(double delta) {
        return with(d -> d.maxErrorRateIncrease = SpecValues.optionalErrorRateBound("maxErrorRateIncrease", delta,
                "allows every request to fail during chaos whatever the baseline"));
    }

    /** During-chaos p99 at most {@code factor} times the baseline p99 (at least 1); negative: not checked. */
    public SteadyStateSpecBuilder maxP99Factor(double factor) {
        if (Double.isNaN(factor) || (factor >= 0 && factor < 1) || Double.isInfinite(factor)) {
            throw new InvalidSpecException("maxP99Factor", factor, "is out of range: expected a factor of at"
                    + " least 1 (2 = twice the baseline p99), negative to switch off");
        }
        return with(d -> d.maxP99Factor = factor < 0 ? OptionalDouble.empty() : OptionalDouble.of(factor));
    }

    /**
     * Error rate over the halt window that stops chaos at once, 0..1 ({@code 1}: only when every request fails);
     * above 1 is refused (it could never be reached); negative: never.
     */
    public SteadyStateSpecBuilder haltErrorRate(double rate) {
        return with(d -> d.haltErrorRate = SpecValues.haltErrorRate("haltErrorRate", rate));
    }

    /** p99 over the halt window that stops chaos at once; empty: never. */
    public SteadyStateSpecBuilder haltP99(String latency) {
        return with(d -> d.haltP99 = SpecValues.optionalLatency("haltP99", latency));
    }

    /** The sliding window halt thresholds are judged over (1s to 1m). */
    public SteadyStateSpecBuilder haltWindow(String window) {
        Duration w = SpecValues.duration("haltWindow", window, Duration.ofSeconds(1));
        if (w.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSpecException("haltWindow", window, "is too long: expected 1s to 1m");
        }
        return with(d -> d.haltWindow = w);
    }

    /** Recovery must happen within this time after the revert; empty: the whole recovery window. */
    public SteadyStateSpecBuilder recoverWithin(String within) {
        return with(d -> d.recoverWithin = within == null || within.isBlank() ? Optional.empty()
                : Optional.of(SpecValues.duration("recoverWithin", within, Duration.ZERO)));
    }

    /** Whether an unsteady baseline fails the test or aborts it. */
    public SteadyStateSpecBuilder unsteadyBaseline(SteadyState.UnsteadyBaseline what) {
        Objects.requireNonNull(what, "unsteadyBaseline");
        return with(d -> d.unsteadyBaseline = what);
    }

    /** Checks the combination and builds the spec. */
    public SteadyStateSpec build() {
        return new SteadyStateSpec(draft.copy().checked());
    }

    private SteadyStateSpecBuilder with(Consumer<SpecDraft> change) {
        SpecDraft copy = draft.copy();
        change.accept(copy);
        return new SteadyStateSpecBuilder(copy);
    }
}
