package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.ThinkTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A validated, immutable load steady-state hypothesis: the programmatic twin of {@link SteadyState}. Build one with
 * {@link #builder(String)}; every setter validates at once and throws {@link InvalidSpecException} naming the
 * attribute, the value and what is valid.
 *
 * <pre>{@code
 * SteadyStateSpec spec = SteadyStateSpec.builder("checkout")
 *         .load(() -> LoadDriver.target(orders.url()).request(Request.post("/orders").jsonBody("{}")))
 *         .rate(200).duration("30s")
 *         .maxErrorRate(0.01).p99("800ms")
 *         .build();
 *
 * &#64;RegisterExtension
 * static ChaosExtension chaos = ChaosExtension.builder().proxy("payments", "localhost:8081").check(spec::toCheck).build();
 * }</pre>
 */
public final class SteadyStateSpec {

    private final String name;
    private final Supplier<LoadDriver> load;
    private final String loadDescription;
    private final double rate;
    private final int users;
    private final Duration thinkTime;
    private final int connections;
    private final Duration warmup;
    private final Duration baseline;
    private final Duration duration;
    private final Duration recovery;
    private final LoadTolerances tolerances;
    private final double maxErrorRateIncrease;
    private final double maxP99Factor;
    private final double haltErrorRate;
    private final Duration haltP99;
    private final Duration haltWindow;
    private final Duration recoverWithin;
    private final SteadyState.UnsteadyBaseline unsteadyBaseline;

    private SteadyStateSpec(Builder b) {
        this.name = b.name;
        this.load = b.load;
        this.loadDescription = b.loadDescription;
        this.rate = b.rate;
        this.users = b.users;
        this.thinkTime = b.thinkTime;
        this.connections = b.connections;
        this.warmup = b.warmup;
        this.baseline = b.baseline;
        this.duration = b.duration;
        this.recovery = b.recovery;
        this.tolerances = new LoadTolerances(b.maxErrorRate, b.minThroughput, b.p50, b.p90, b.p99, b.p999, b.maxDropped);
        this.maxErrorRateIncrease = b.maxErrorRateIncrease;
        this.maxP99Factor = b.maxP99Factor;
        this.haltErrorRate = b.haltErrorRate;
        this.haltP99 = b.haltP99;
        this.haltWindow = b.haltWindow;
        this.recoverWithin = b.recoverWithin == null ? b.recovery : b.recoverWithin;
        this.unsteadyBaseline = b.unsteadyBaseline;
    }

    /** A builder for a hypothesis named {@code name} (its name in verdicts and {@code run.load(name)}). */
    public static Builder builder(String name) {
        return new Builder(name);
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
        return new dev.chaosjunit.steadystate.internal.LoadSteadyStateCheck(this);
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
        if (users > 0) {
            return LoadProfile.closed(users, total)
                    .withThinkTime(thinkTime.isZero() ? ThinkTime.none() : ThinkTime.fixed(thinkTime));
        }
        return LoadProfile.constantRate(rate, total);
    }

    /** Open-model rate (requests per second), 0 for the closed model. */
    public double rate() {
        return rate;
    }

    /** Closed-model users, 0 for the open model. */
    public int users() {
        return users;
    }

    public int connections() {
        return connections;
    }

    public Duration warmup() {
        return warmup;
    }

    public Duration baseline() {
        return baseline;
    }

    /** The least length of the during phase. */
    public Duration duration() {
        return duration;
    }

    public Duration recovery() {
        return recovery;
    }

    /** The absolute tolerances, judged in every phase. */
    public LoadTolerances tolerances() {
        return tolerances;
    }

    /** During-chaos error rate at most baseline + this; empty when not checked. */
    public Optional<Double> maxErrorRateIncrease() {
        return maxErrorRateIncrease < 0 ? Optional.empty() : Optional.of(maxErrorRateIncrease);
    }

    /** During-chaos p99 at most this factor times the baseline p99; empty when not checked. */
    public Optional<Double> maxP99Factor() {
        return maxP99Factor < 0 ? Optional.empty() : Optional.of(maxP99Factor);
    }

    /** Error rate over the halt window that stops chaos at once; empty when never. */
    public Optional<Double> haltErrorRate() {
        return haltErrorRate < 0 ? Optional.empty() : Optional.of(haltErrorRate);
    }

    /** p99 over the halt window that stops chaos at once; empty when never. */
    public Optional<Duration> haltP99() {
        return Optional.ofNullable(haltP99);
    }

    public Duration haltWindow() {
        return haltWindow;
    }

    /** Whether any halt threshold is set. */
    public boolean halts() {
        return haltErrorRate >= 0 || haltP99 != null;
    }

    public Duration recoverWithin() {
        return recoverWithin;
    }

    public SteadyState.UnsteadyBaseline unsteadyBaseline() {
        return unsteadyBaseline;
    }

    @Override
    public String toString() {
        return "SteadyState[" + name + ": " + loadDescription + ", "
                + (users > 0 ? users + " users" : rate + "/s") + ", warmup " + Durations.format(warmup)
                + ", baseline " + Durations.format(baseline) + ", during " + Durations.format(duration)
                + ", recovery " + Durations.format(recovery) + ", " + tolerances + "]";
    }

    /** Builds a {@link SteadyStateSpec}; each setter validates its value. */
    public static final class Builder {
        private final String name;
        private Supplier<LoadDriver> load;
        private String loadDescription;
        private double rate;
        private int users;
        private Duration thinkTime = Duration.ZERO;
        private int connections = 64;
        private Duration warmup = Duration.ofSeconds(1);
        private Duration baseline = Duration.ofSeconds(5);
        private Duration duration = Duration.ofSeconds(10);
        private Duration recovery = Duration.ofSeconds(5);
        private double maxErrorRate = 0.01;
        private double minThroughput = -1;
        private Duration p50;
        private Duration p90;
        private Duration p99;
        private Duration p999;
        private long maxDropped;
        private double maxErrorRateIncrease = -1;
        private double maxP99Factor = -1;
        private double haltErrorRate = -1;
        private Duration haltP99;
        private Duration haltWindow = Duration.ofSeconds(3);
        private Duration recoverWithin;
        private SteadyState.UnsteadyBaseline unsteadyBaseline = SteadyState.UnsteadyBaseline.FAIL;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new InvalidSpecException("name", name, "is blank: give the load a name, such as \"checkout\"");
            }
            this.name = name;
        }

        /** The load (target, scenario, connections); its profile is replaced by this hypothesis' rate or users. */
        public Builder load(Supplier<LoadDriver> load) {
            return load(load, "a LoadDriver supplier");
        }

        /** Like {@link #load(Supplier)}, with a description for messages and the journal. */
        public Builder load(Supplier<LoadDriver> load, String description) {
            this.load = Objects.requireNonNull(load, "load");
            this.loadDescription = Objects.requireNonNull(description, "description");
            return this;
        }

        /** The load: {@code GET} requests to {@code url}. */
        public Builder target(String url) {
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
        public Builder rate(double perSecond) {
            if (!(perSecond > 0) || perSecond > 1_000_000) {
                throw new InvalidSpecException("rate", perSecond,
                        "is out of range: expected requests per second above 0 and at most 1000000");
            }
            this.rate = perSecond;
            return this;
        }

        /** Closed model: concurrent users (1 to 10,000). */
        public Builder users(int users) {
            if (users < 1 || users > 10_000) {
                throw new InvalidSpecException("users", users, "is out of range: expected 1 to 10000 users");
            }
            this.users = users;
            return this;
        }

        public Builder thinkTime(String pause) {
            this.thinkTime = duration("thinkTime", pause, Duration.ZERO);
            return this;
        }

        /** Open model: most requests in flight (1 to 10,000). */
        public Builder connections(int connections) {
            if (connections < 1 || connections > 10_000) {
                throw new InvalidSpecException("connections", connections, "is out of range: expected 1 to 10000");
            }
            this.connections = connections;
            return this;
        }

        public Builder warmup(String warmup) {
            this.warmup = duration("warmup", warmup, Duration.ZERO);
            return this;
        }

        /** The baseline window (at least 1s: windows are made of whole seconds). */
        public Builder baseline(String baseline) {
            this.baseline = duration("baseline", baseline, Duration.ofSeconds(1));
            return this;
        }

        /** The least chaos window (at least 1s). */
        public Builder duration(String duration) {
            this.duration = duration("duration", duration, Duration.ofSeconds(1));
            return this;
        }

        /** The recovery window (at least 1s). */
        public Builder recovery(String recovery) {
            this.recovery = duration("recovery", recovery, Duration.ofSeconds(1));
            return this;
        }

        public Builder maxErrorRate(double rate) {
            this.maxErrorRate = fraction("maxErrorRate", rate);
            return this;
        }

        /** Fewest completed requests per second; negative: not checked. */
        public Builder minThroughput(double perSecond) {
            if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
                throw new InvalidSpecException("minThroughput", perSecond,
                        "is not a number: expected requests per second (negative: not checked)");
            }
            this.minThroughput = perSecond;
            return this;
        }

        public Builder p50(String latency) {
            this.p50 = optionalLatency("p50", latency);
            return this;
        }

        public Builder p90(String latency) {
            this.p90 = optionalLatency("p90", latency);
            return this;
        }

        public Builder p99(String latency) {
            this.p99 = optionalLatency("p99", latency);
            return this;
        }

        public Builder p999(String latency) {
            this.p999 = optionalLatency("p999", latency);
            return this;
        }

        public Builder maxDropped(long dropped) {
            if (dropped < 0) {
                throw new InvalidSpecException("maxDropped", dropped, "is negative: expected 0 or more requests");
            }
            this.maxDropped = dropped;
            return this;
        }

        /** During-chaos error rate at most baseline + {@code delta} (0..1); negative: not checked. */
        public Builder maxErrorRateIncrease(double delta) {
            this.maxErrorRateIncrease = delta < 0 ? -1 : fraction("maxErrorRateIncrease", delta);
            return this;
        }

        /** During-chaos p99 at most {@code factor} times the baseline p99 (at least 1); negative: not checked. */
        public Builder maxP99Factor(double factor) {
            if (Double.isNaN(factor) || (factor >= 0 && factor < 1) || Double.isInfinite(factor)) {
                throw new InvalidSpecException("maxP99Factor", factor,
                        "is out of range: expected a factor of at least 1 (2 = twice the baseline p99), negative to switch off");
            }
            this.maxP99Factor = factor < 0 ? -1 : factor;
            return this;
        }

        /** Error rate over the halt window that stops chaos at once (0..1); negative: never. */
        public Builder haltErrorRate(double rate) {
            this.haltErrorRate = rate < 0 ? -1 : fraction("haltErrorRate", rate);
            return this;
        }

        public Builder haltP99(String latency) {
            this.haltP99 = optionalLatency("haltP99", latency);
            return this;
        }

        /** The sliding window halt thresholds are judged over (1s to 1m). */
        public Builder haltWindow(String window) {
            Duration d = duration("haltWindow", window, Duration.ofSeconds(1));
            if (d.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new InvalidSpecException("haltWindow", window, "is too long: expected 1s to 1m");
            }
            this.haltWindow = d;
            return this;
        }

        /** Recovery must happen within this time after the revert; empty: the whole recovery window. */
        public Builder recoverWithin(String within) {
            this.recoverWithin = within == null || within.isBlank() ? null
                    : duration("recoverWithin", within, Duration.ZERO);
            return this;
        }

        public Builder unsteadyBaseline(SteadyState.UnsteadyBaseline what) {
            this.unsteadyBaseline = Objects.requireNonNull(what, "unsteadyBaseline");
            return this;
        }

        /** Checks the combination and builds the spec. */
        public SteadyStateSpec build() {
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
            if (recoverWithin != null && recoverWithin.compareTo(recovery) > 0) {
                throw new InvalidSpecException("recoverWithin", Durations.format(recoverWithin),
                        "is longer than recovery = \"" + Durations.format(recovery)
                                + "\": the recovery window must cover the bound; lengthen recovery or shorten recoverWithin");
            }
            if (haltWindow.compareTo(duration) > 0 && (haltErrorRate >= 0 || haltP99 != null)) {
                throw new InvalidSpecException("haltWindow", Durations.format(haltWindow),
                        "is longer than duration = \"" + Durations.format(duration) + "\": expected at most the chaos window");
            }
            return new SteadyStateSpec(this);
        }

        private static Duration duration(String attribute, String text, Duration min) {
            Duration d;
            try {
                d = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(attribute, text, "is not a duration: expected a number followed by a unit"
                        + " (h, m, s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"");
            }
            if (d.compareTo(min) < 0) {
                throw new InvalidSpecException(attribute, text, "is too short: expected at least " + Durations.format(min));
            }
            return d;
        }

        private static Duration optionalLatency(String attribute, String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            Duration d = duration(attribute, text, Duration.ZERO);
            if (d.isZero()) {
                throw new InvalidSpecException(attribute, text, "is zero: expected a latency above 0, such as \"800ms\","
                        + " or leave it empty to not check it");
            }
            return d;
        }

        private static double fraction(String attribute, double value) {
            if (Double.isNaN(value) || value < 0 || value > 1) {
                throw new InvalidSpecException(attribute, value, "is out of range: expected a fraction within 0..1"
                        + " (0.01 = 1%)");
            }
            return value;
        }
    }
}
