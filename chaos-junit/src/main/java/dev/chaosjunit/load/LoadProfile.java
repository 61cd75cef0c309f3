package dev.chaosjunit.load;

import dev.chaosjunit.config.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How much load to offer and for how long.
 *
 * <p><b>Open model</b> (the default, as wrk2, k6 {@code constant-arrival-rate} and Gatling {@code injectOpen}): a
 * schedule of intended send times that does not care how fast the server answers. Build it from
 * {@link #constantRate(double, Duration) a constant rate}, {@link #ramp(double, double, Duration) a ramp} or a
 * sequence of {@link #stages(Stage...) stages}; arrivals are evenly spaced unless {@link #poisson(long) Poisson
 * arrivals} are asked for. Latency is measured from each intended send time, so a slow server cannot hide its
 * slowness by slowing the load down (coordinated omission).
 *
 * <p><b>Closed model</b> ({@link #closed(int, Duration)}, like Locust or wrk): a fixed number of users, each sending
 * its next task after the previous one completed and a {@link ThinkTime think time}.
 *
 * <p>Instances are immutable; every {@code with...}/{@code poisson} call returns a new profile.
 */
public final class LoadProfile {

    /**
     * One piece of an open-model schedule: the arrival rate goes linearly from {@code fromRate} to {@code toRate}
     * over {@code duration}; validated when made (rates 0 to {@link #MAX_RATE}, a duration above 0).
     *
     * @param fromRate arrivals per second at the start
     * @param toRate arrivals per second at the end
     * @param duration how long the stage lasts
     */
    public record Stage(double fromRate, double toRate, Duration duration) {

        public Stage {
            requireRate("stage from-rate", fromRate, true);
            requireRate("stage to-rate", toRate, true);
            Args.positive("stage duration", duration);
        }

        /** Holds {@code rate} (arrivals per second, may be 0 for a pause) for {@code duration}. */
        public static Stage hold(double rate, Duration duration) {
            return new Stage(rate, rate, duration);
        }

        /** Holds {@code rate} for a duration given as text such as {@code "30s"}. */
        public static Stage hold(double rate, String duration) {
            return hold(rate, Durations.parse(duration));
        }

        /** Goes linearly from {@code fromRate} to {@code toRate} arrivals per second over {@code duration}. */
        public static Stage ramp(double fromRate, double toRate, Duration duration) {
            return new Stage(fromRate, toRate, duration);
        }

        /** Goes linearly from {@code fromRate} to {@code toRate} over a duration given as text. */
        public static Stage ramp(double fromRate, double toRate, String duration) {
            return ramp(fromRate, toRate, Durations.parse(duration));
        }

        /** Expected number of arrivals in this stage. */
        public double arrivals() {
            return (fromRate + toRate) / 2 * (duration.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return fromRate == toRate ? "hold " + fmt(fromRate) + "/s for " + Durations.format(duration)
                    : "ramp " + fmt(fromRate) + "->" + fmt(toRate) + "/s over " + Durations.format(duration);
        }
    }

    /**
     * The highest open-model rate: one arrival per nanosecond, the resolution of the schedule. Faster than the
     * driver can send (arrivals beyond its connections are dropped, at constant cost each second), but schedulable.
     */
    public static final double MAX_RATE = 1e9;

    /** The most arrivals one open-model profile may offer, so that their count stays exact in a double. */
    public static final double MAX_ARRIVALS = 1e15;

    private final List<Stage> stages;      // open model
    private final Long poissonSeed;        // open model, null = evenly spaced
    private final int users;               // closed model, 0 = open model
    private final ThinkTime thinkTime;     // closed model
    private final Duration duration;

    private LoadProfile(List<Stage> stages, Long poissonSeed, int users, ThinkTime thinkTime, Duration duration) {
        this.stages = stages;
        this.poissonSeed = poissonSeed;
        this.users = users;
        this.thinkTime = thinkTime;
        this.duration = duration;
    }

    /** Open model: {@code perSecond} arrivals per second for {@code duration}. */
    public static LoadProfile constantRate(double perSecond, Duration duration) {
        requireRate("rate", perSecond, false);
        return stages(Stage.hold(perSecond, duration));
    }

    /** Open model: a constant rate for a duration given as text such as {@code "30s"}. */
    public static LoadProfile constantRate(double perSecond, String duration) {
        return constantRate(perSecond, Durations.parse(duration));
    }

    /** Open model: rate going linearly from {@code fromRate} to {@code toRate} over {@code duration}. */
    public static LoadProfile ramp(double fromRate, double toRate, Duration duration) {
        return stages(Stage.ramp(fromRate, toRate, duration));
    }

    /** Open model: a ramp over a duration given as text. */
    public static LoadProfile ramp(double fromRate, double toRate, String duration) {
        return ramp(fromRate, toRate, Durations.parse(duration));
    }

    /** Open model: the stages one after the other (k6 {@code stages}, Gatling {@code injectOpen}). */
    public static LoadProfile stages(Stage... stages) {
        Objects.requireNonNull(stages, "stages");
        if (stages.length == 0) {
            throw new IllegalArgumentException("a load profile needs at least one stage, got none");
        }
        double arrivals = 0;
        Duration total = Duration.ZERO;
        for (int i = 0; i < stages.length; i++) {
            if (stages[i] == null) {
                throw new IllegalArgumentException("stage " + i + " is null");
            }
            arrivals += stages[i].arrivals();
            total = total.plus(stages[i].duration());
        }
        if (arrivals < 1) {
            throw new IllegalArgumentException("the stages " + List.of(stages) + " offer "
                    + fmt(arrivals) + " arrivals; a load profile must offer at least 1");
        }
        if (arrivals > MAX_ARRIVALS) {
            throw new IllegalArgumentException("the stages " + List.of(stages) + " offer " + fmt(arrivals)
                    + " arrivals; the driver schedules at most " + fmt(MAX_ARRIVALS) + " in one run");
        }
        return new LoadProfile(List.of(stages), null, 0, ThinkTime.none(), total);
    }

    /** Closed model: {@code users} concurrent users without think time, for {@code duration}. */
    public static LoadProfile closed(int users, Duration duration) {
        if (users <= 0) {
            throw new IllegalArgumentException("closed-model users must be > 0, got " + users);
        }
        Args.positive("duration", duration);
        return new LoadProfile(List.of(), null, users, ThinkTime.none(), duration);
    }

    /** Closed model with a duration given as text. */
    public static LoadProfile closed(int users, String duration) {
        return closed(users, Durations.parse(duration));
    }

    /** Closed model only: the pause each user takes after a task completed, before the next one. */
    public LoadProfile withThinkTime(ThinkTime think) {
        Objects.requireNonNull(think, "think time");
        if (isOpen()) {
            throw new IllegalArgumentException("think time applies to the closed model only; an open-model profile"
                    + " sets its pace by its rate (" + stages + ")");
        }
        return new LoadProfile(stages, poissonSeed, users, think, duration);
    }

    /**
     * Open model only: Poisson arrivals (exponentially distributed gaps) with the same average rate, reproducible
     * from {@code seed}.
     */
    public LoadProfile poisson(long seed) {
        if (!isOpen()) {
            throw new IllegalArgumentException("Poisson arrivals apply to the open model only, not to "
                    + users + " closed-model users");
        }
        return new LoadProfile(stages, seed, users, thinkTime, duration);
    }

    /** {@code true} for the open model (a schedule of arrivals), {@code false} for closed-model users. */
    public boolean isOpen() {
        return users == 0;
    }

    /** The open-model stages (empty for the closed model). */
    public List<Stage> stages() {
        return stages;
    }

    /** The Poisson seed, if arrivals are Poisson. */
    public OptionalLong poissonSeed() {
        return poissonSeed == null ? OptionalLong.empty() : OptionalLong.of(poissonSeed);
    }

    /** Closed-model users (0 for the open model). */
    public int users() {
        return users;
    }

    /** Closed-model think time. */
    public ThinkTime thinkTime() {
        return thinkTime;
    }

    /** How long load is offered. */
    public Duration duration() {
        return duration;
    }

    /** The intended arrival rate at {@code offset} from the start; {@code NaN} for the closed model. */
    public double targetRateAt(Duration offset) {
        if (!isOpen()) {
            return Double.NaN;
        }
        long t = offset.toNanos();
        for (Stage s : stages) {
            long d = s.duration().toNanos();
            if (t < d) {
                return s.fromRate() + (s.toRate() - s.fromRate()) * t / d;
            }
            t -= d;
        }
        return 0;
    }

    /** Expected number of arrivals of the whole open-model profile ({@code NaN} for the closed model). */
    public double expectedArrivals() {
        if (!isOpen()) {
            return Double.NaN;
        }
        return stages.stream().mapToDouble(Stage::arrivals).sum();
    }

    @Override
    public String toString() {
        if (!isOpen()) {
            return "closed " + users + " users for " + Durations.format(duration) + ", think " + thinkTime;
        }
        return "open " + stages + (poissonSeed == null ? "" : " poisson(seed=" + poissonSeed + ")");
    }

    static void requireRate(String what, double rate, boolean zeroAllowed) {
        if (Double.isNaN(rate) || Double.isInfinite(rate) || rate < 0 || (!zeroAllowed && rate == 0)) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? ">= 0" : "> 0")
                    + " (requests per second), got " + fmt(rate));
        }
        if (rate > MAX_RATE) {
            throw new IllegalArgumentException(what + " must be at most " + fmt(MAX_RATE) + " requests per second"
                    + " (one arrival per nanosecond, the resolution of the driver's schedule), got " + fmt(rate));
        }
    }


    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
