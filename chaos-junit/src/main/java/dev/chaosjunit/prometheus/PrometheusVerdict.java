package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import com.google.gson.JsonObject;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.check.Phase;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The judgement of one {@link PrometheusCheckSpec} in one phase: what was asked, over which window, what was
 * observed, against which bounds, which {@link AwkwardAnswer} rule applied (if any), and a one-line message such as
 * {@code error ratio 0.12 > max 0.05 during [2026-11-22T03:00:00Z .. 2026-11-22T03:00:30Z] (max of 31 points)}.
 * Immutable; {@link #toJson()} gives the journal record.
 */
public final class PrometheusVerdict {

    /** How the check was evaluated. */
    public enum Mode {
        /** {@code query_range} over the whole phase window, points aggregated. */
        RANGE,
        /** One {@code query} at one instant, for watching during a phase. */
        INSTANT
    }

    private final PrometheusCheckSpec spec;
    private final Phase phase;
    private final Mode mode;
    private final Instant from;
    private final Instant to;
    private final Duration step;
    private final Duration waited;
    private final Verdict.Status outcome;
    private final Double observed;
    private final AwkwardAnswer rule;
    private final int seriesCount;
    private final int pointCount;
    private final String error;
    private final String message;

    PrometheusVerdict(PrometheusCheckSpec spec, Phase phase, Mode mode, Instant from, Instant to, Duration step,
            Duration waited, Verdict.Status outcome, Double observed, AwkwardAnswer rule, int seriesCount, int pointCount,
            String error, String detail, String note) {
        this.spec = Objects.requireNonNull(spec);
        this.phase = Objects.requireNonNull(phase);
        this.mode = mode;
        this.from = from;
        this.to = to;
        this.step = step;
        this.waited = waited;
        this.outcome = Objects.requireNonNull(outcome);
        this.observed = observed;
        this.rule = rule;
        this.seriesCount = seriesCount;
        this.pointCount = pointCount;
        this.error = error;
        this.message = spec.name() + " " + detail + " " + where(phase, mode, from, to)
                + (note == null || note.isEmpty() ? "" : note.startsWith(";") ? note : " " + note);
    }

    /** The check's name ({@link PrometheusCheckSpec#name()}). */
    public String checkName() {
        return spec.name();
    }

    /** The PromQL expression evaluated. */
    public String query() {
        return spec.query();
    }

    /** The check that was judged. */
    public PrometheusCheckSpec spec() {
        return spec;
    }

    /** The phase the window belongs to. */
    public Phase phase() {
        return phase;
    }

    /** Range (whole window) or instant evaluation. */
    public Mode mode() {
        return mode;
    }

    /** Start of the window (for an instant evaluation: the instant). */
    public Instant from() {
        return from;
    }

    /** End of the window (for an instant evaluation: the instant). */
    public Instant to() {
        return to;
    }

    /** The range-query step; empty for an instant evaluation. */
    public Optional<Duration> step() {
        return Optional.ofNullable(step);
    }

    /** How long the evaluation waited for the scrape-lag allowance before querying. */
    public Duration waitedForScrapeLag() {
        return waited;
    }

    /** PASS, FAIL or INCONCLUSIVE. */
    public Verdict.Status outcome() {
        return outcome;
    }

    /** True when the outcome is {@link Verdict.Status#PASS}. */
    public boolean passed() {
        return outcome == Verdict.Status.PASS;
    }

    /** The aggregated (or instant) value, possibly infinite or NaN; empty when there was no single value. */
    public OptionalDouble observed() {
        return observed == null ? OptionalDouble.empty() : OptionalDouble.of(observed);
    }

    /** The lower bound judged against. */
    public OptionalDouble min() {
        return spec.min();
    }

    /** The upper bound judged against. */
    public OptionalDouble max() {
        return spec.max();
    }

    /** The awkward-answer rule that decided the outcome, if one did. */
    public Optional<AwkwardAnswer> ruleApplied() {
        return Optional.ofNullable(rule);
    }

    /** How many series Prometheus returned. */
    public int seriesCount() {
        return seriesCount;
    }

    /** How many points the judged series had (including NaN points). */
    public int pointCount() {
        return pointCount;
    }

    /** The query error (Prometheus' {@code errorType: error}, or why it could not be reached), if the query failed. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** One line for people, naming check, value, bound, phase and window. */
    public String message() {
        return message;
    }

    /**
     * The journal record: every field of this verdict; non-finite numbers as strings ({@code "NaN"}, {@code "+Inf"},
     * {@code "-Inf"}), absent values as JSON null.
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("check", spec.name());
        o.addProperty("query", spec.query());
        o.addProperty("phase", phase.label());
        o.addProperty("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("from", from.toString());
        o.addProperty("to", to.toString());
        if (step != null) {
            o.addProperty("step", Durations.format(step));
            o.addProperty("aggregate", spec.aggregate().label());
        }
        o.addProperty("waitedForScrapeLag", Durations.format(waited));
        o.addProperty("outcome", outcome.name());
        number(o, "observed", observed);
        number(o, "min", spec.min().isPresent() ? spec.min().getAsDouble() : null);
        number(o, "max", spec.max().isPresent() ? spec.max().getAsDouble() : null);
        o.addProperty("rule", rule == null ? null : rule.name());
        o.addProperty("seriesCount", seriesCount);
        o.addProperty("pointCount", pointCount);
        o.addProperty("error", error);
        o.addProperty("message", message);
        return o;
    }

    private static void number(JsonObject o, String field, Double v) {
        if (v == null) {
            o.add(field, com.google.gson.JsonNull.INSTANCE);
        } else if (Double.isFinite(v)) {
            o.addProperty(field, v);
        } else {
            o.addProperty(field, format(v));
        }
    }

    /** Formats a value for messages: 4 significant digits, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e12 ? d.toPlainString() : d.toString();
    }

    /** An instant as messages show it: ISO-8601, truncated to milliseconds. */
    static String instant(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    private static String where(Phase phase, Mode mode, Instant from, Instant to) {
        String prefix;
        switch (phase) {
            case BEFORE:
                prefix = "in the baseline";
                break;
            case DURING:
                prefix = "during";
                break;
            default:
                prefix = "in recovery";
                break;
        }
        if (mode == Mode.INSTANT) {
            return "at " + instant(from) + " (" + phase.label() + ")";
        }
        return prefix + " [" + instant(from) + " .. " + instant(to) + "]";
    }

    @Override
    public String toString() {
        return outcome + ": " + message;
    }
}
