package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.check.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a {@link PrometheusCheckSpec} into a {@link PrometheusVerdict} for one phase.
 *
 * <ul>
 *   <li>{@link #evaluate}: the phase verdict. Waits until {@code to + scrapeLag} has passed (the last scrapes of the
 *       window must have landed in Prometheus), then runs one {@code query_range} over exactly {@code [from, to]},
 *       aggregates the points and judges them. The verdict records the wait.</li>
 *   <li>{@link #evaluateAt}/{@link #evaluateNow}: one cheap instant query, for continuous watching during a phase
 *       (a halt condition). No wait, no aggregation, no staleness rule (a series Prometheus has marked stale is
 *       simply absent from an instant answer, so it shows up as {@link AwkwardAnswer#EMPTY_RESULT}).</li>
 * </ul>
 *
 * A query that fails (bad PromQL, Prometheus unreachable after retries) gives a {@link Verdict.Status#FAIL} verdict
 * carrying Prometheus' error text; it does not throw. Thread-safe.
 */
public final class PrometheusCheckEvaluator {

    /** Default scrape-lag allowance when neither the check nor the configuration sets one. */
    public static final Duration DEFAULT_SCRAPE_LAG = Duration.ofSeconds(15);

    private static final Duration MIN_STEP = Duration.ofSeconds(1);
    private static final Duration MIN_STALE_AFTER = Duration.ofSeconds(5);

    private final PrometheusClient client;
    private final Duration defaultScrapeLag;
    private final Clock clock;

    /** An evaluator with the default scrape lag (15s) and the system clock. */
    public PrometheusCheckEvaluator(PrometheusClient client) {
        this(client, DEFAULT_SCRAPE_LAG, Clock.systemUTC());
    }

    /**
     * An evaluator.
     *
     * @param client the Prometheus to ask
     * @param defaultScrapeLag the scrape-lag allowance for checks that do not set one (zero or more); about one
     *        scrape interval of the Prometheus plus the target's own update interval
     * @param clock the clock used to know when a window's lag has passed
     */
    public PrometheusCheckEvaluator(PrometheusClient client, Duration defaultScrapeLag, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaultScrapeLag = Objects.requireNonNull(defaultScrapeLag, "defaultScrapeLag");
        if (defaultScrapeLag.isNegative()) {
            throw new IllegalArgumentException("default scrapeLag is negative: expected a duration of zero or more");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The client this evaluator asks. */
    public PrometheusClient client() {
        return client;
    }

    /**
     * The step used for a window when the check does not fix one: window / 100, rounded up to whole seconds, at
     * least 1s, so a window is judged on about 100 points (Prometheus allows 11,000 per series).
     */
    public static Duration autoStep(Duration window) {
        long seconds = (window.toMillis() + 99_999) / 100_000;
        Duration step = Duration.ofSeconds(seconds);
        return step.compareTo(MIN_STEP) < 0 ? MIN_STEP : step;
    }

    /**
     * Judges {@code spec} over the phase window {@code [from, to]}; blocks until {@code to + scrapeLag} has passed.
     *
     * @throws IllegalArgumentException when the check does not apply to {@code phase} or {@code to} is not after
     *         {@code from}
     */
    public PrometheusVerdict evaluate(PrometheusCheckSpec spec, Phase phase, Instant from, Instant to) {
        Objects.requireNonNull(spec, "spec");
        requireApplies(spec, phase);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("window of " + spec.name() + " in phase " + phase + ": to " + to
                    + " is not after from " + from);
        }
        Duration step = spec.step().orElseGet(() -> autoStep(Duration.between(from, to)));
        Duration lag = spec.scrapeLag().orElse(defaultScrapeLag);
        Duration staleBound = spec.staleAfter().orElseGet(() -> {
            Duration s = step.multipliedBy(3);
            return s.compareTo(MIN_STALE_AFTER) < 0 ? MIN_STALE_AFTER : s;
        });
        // the last step point may lie up to one step before the window end
        Duration staleAfter = staleBound.compareTo(step) < 0 ? step : staleBound;
        Duration waited;
        try {
            waited = waitUntil(to.plus(lag));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PrometheusVerdict(spec, phase, PrometheusVerdict.Mode.RANGE, from, to, step, Duration.ZERO,
                    Verdict.Status.INCONCLUSIVE, null, null, 0, 0, "interrupted while waiting for the scrape lag",
                    "not evaluated: interrupted while waiting " + Durations.format(lag) + " scrape lag", null);
        }
        String lagNote = "(waited " + Durations.format(millis(waited)) + " for scrape lag "
                + Durations.format(lag) + ")";
        Verdicts v = new Verdicts(spec, phase, PrometheusVerdict.Mode.RANGE, from, to, step, waited);
        QueryResult result;
        try {
            result = client.queryRange(spec.query(), from, to, step);
        } catch (PrometheusQueryException e) {
            return v.error(e);
        }
        List<Series> series = result.series();
        if (series.isEmpty()) {
            return v.rule(AwkwardAnswer.EMPTY_RESULT, null, 0, 0, "returned no series",
                    "; if no series means zero, append \"or vector(0)\" to the query " + lagNote);
        }
        if (series.size() > 1) {
            return v.rule(AwkwardAnswer.MULTIPLE_SERIES, null, series.size(), 0,
                    "returned " + series.size() + " series " + labelSummary(series) + " where one was expected",
                    "; aggregate them in PromQL, for example sum(...) or max(...) " + lagNote);
        }
        List<Sample> samples = series.get(0).samples();
        int points = samples.size();
        if (points == 0) {
            return v.rule(AwkwardAnswer.EMPTY_RESULT, null, 1, 0, "returned a series without points",
                    "; if no data means zero, append \"or vector(0)\" to the query " + lagNote);
        }
        Instant last = samples.get(points - 1).timestamp();
        if (Duration.between(last, to).compareTo(staleAfter) > 0) {
            return v.rule(AwkwardAnswer.STALE, samples.get(points - 1).value(), 1, points,
                    "series ended at " + last + ", more than staleAfter " + Durations.format(staleAfter)
                            + " before the window end", lagNote);
        }
        double[] values = samples.stream().mapToDouble(Sample::value).filter(d -> !Double.isNaN(d)).toArray();
        if (values.length == 0) {
            return v.rule(AwkwardAnswer.NAN, Double.NaN, 1, points, "was NaN at all " + points + " point(s)",
                    "(0/0, for example a ratio while no requests arrive) " + lagNote);
        }
        double observed = spec.aggregate().apply(values);
        String how = "(" + spec.aggregate().label() + " of " + values.length + " point(s)"
                + (values.length < points ? ", " + (points - values.length) + " NaN point(s) left out" : "")
                + ", step " + Durations.format(step) + "; waited " + Durations.format(millis(waited))
                + " for scrape lag " + Durations.format(lag) + ")";
        if (Double.isInfinite(observed)) {
            return v.rule(AwkwardAnswer.INFINITE, observed, 1, points, "was " + PrometheusVerdict.format(observed),
                    "(a division by zero, or a histogram_quantile beyond the largest finite bucket) " + how);
        }
        return v.judged(observed, 1, points, how);
    }

    /**
     * Judges every check of {@code specs} that applies to {@code phase} over {@code [from, to]}, in order. The
     * scrape lag is waited for once in effect: by the time the first check has waited, the others' windows are
     * due too (unless they set a longer lag).
     *
     * @return one verdict per applicable check; empty when none applies
     */
    public List<PrometheusVerdict> evaluateAll(Collection<PrometheusCheckSpec> specs, Phase phase, Instant from,
            Instant to) {
        Objects.requireNonNull(phase, "phase");
        List<PrometheusVerdict> verdicts = new ArrayList<>();
        for (PrometheusCheckSpec spec : specs) {
            if (spec.appliesTo(phase)) {
                verdicts.add(evaluate(spec, phase, from, to));
            }
        }
        return List.copyOf(verdicts);
    }

    /** One instant evaluation at the clock's current time; see {@link #evaluateAt}. */
    public PrometheusVerdict evaluateNow(PrometheusCheckSpec spec, Phase phase) {
        return evaluateAt(spec, phase, clock.instant());
    }

    /**
     * Judges {@code spec} with one instant query at {@code at}: cheap enough to repeat every few seconds while a
     * phase runs. Aggregation and the staleness rule do not apply; the other rules do.
     */
    public PrometheusVerdict evaluateAt(PrometheusCheckSpec spec, Phase phase, Instant at) {
        Objects.requireNonNull(spec, "spec");
        requireApplies(spec, phase);
        Objects.requireNonNull(at, "at");
        Verdicts v = new Verdicts(spec, phase, PrometheusVerdict.Mode.INSTANT, at, at, null, Duration.ZERO);
        QueryResult result;
        try {
            result = client.query(spec.query(), at);
        } catch (PrometheusQueryException e) {
            return v.error(e);
        }
        if (result.type() == ResultType.STRING || result.type() == ResultType.MATRIX) {
            return v.error("query returned a " + result.type().apiName() + ", not a number or an instant vector"
                    + (result.type() == ResultType.MATRIX ? " (a range selector such as x[1m] must be wrapped in a "
                    + "function such as rate(x[1m]))" : ""));
        }
        List<Series> series = result.series();
        if (series.isEmpty()) {
            return v.rule(AwkwardAnswer.EMPTY_RESULT, null, 0, 0, "returned no series",
                    "; if no series means zero, append \"or vector(0)\" to the query");
        }
        if (series.size() > 1) {
            return v.rule(AwkwardAnswer.MULTIPLE_SERIES, null, series.size(), series.size(),
                    "returned " + series.size() + " series " + labelSummary(series) + " where one was expected",
                    "; aggregate them in PromQL, for example sum(...) or max(...)");
        }
        double value = series.get(0).samples().get(0).value();
        if (Double.isNaN(value)) {
            return v.rule(AwkwardAnswer.NAN, value, 1, 1, "was NaN", "(0/0, for example a ratio while no requests "
                    + "arrive)");
        }
        if (Double.isInfinite(value)) {
            return v.rule(AwkwardAnswer.INFINITE, value, 1, 1, "was " + PrometheusVerdict.format(value),
                    "(a division by zero, or a histogram_quantile beyond the largest finite bucket)");
        }
        return v.judged(value, 1, 1, "(instant query)");
    }

    private static void requireApplies(PrometheusCheckSpec spec, Phase phase) {
        Objects.requireNonNull(phase, "phase");
        if (!spec.appliesTo(phase)) {
            throw new IllegalArgumentException("check " + spec.name() + " is not evaluated in phase " + phase
                    + ": its phase attribute is " + spec.phases());
        }
    }

    private Duration waitUntil(Instant deadline) throws InterruptedException {
        Instant start = clock.instant();
        Instant now = start;
        while (now.isBefore(deadline)) {
            long ms = Math.max(1, Duration.between(now, deadline).toMillis());
            Thread.sleep(ms);
            now = clock.instant();
        }
        return Duration.between(start, now).isNegative() ? Duration.ZERO : Duration.between(start, now);
    }

    private static Duration millis(Duration d) {
        return Duration.ofMillis(d.toMillis());
    }

    private static String labelSummary(List<Series> series) {
        String shown = series.stream().limit(3).map(Series::labelText).collect(Collectors.joining(", "));
        return series.size() > 3 ? shown + ", ..." : shown;
    }

    /** Builds the verdicts of one evaluation. */
    private static final class Verdicts {
        private final PrometheusCheckSpec spec;
        private final Phase phase;
        private final PrometheusVerdict.Mode mode;
        private final Instant from;
        private final Instant to;
        private final Duration step;
        private final Duration waited;

        Verdicts(PrometheusCheckSpec spec, Phase phase, PrometheusVerdict.Mode mode, Instant from, Instant to,
                Duration step, Duration waited) {
            this.spec = spec;
            this.phase = phase;
            this.mode = mode;
            this.from = from;
            this.to = to;
            this.step = step;
            this.waited = waited;
        }

        PrometheusVerdict error(PrometheusQueryException e) {
            String text = e.errorType().isPresent()
                    ? e.errorType().get() + ": " + e.prometheusError().orElse("")
                    : e.getMessage();
            return error(text);
        }

        PrometheusVerdict error(String text) {
            return new PrometheusVerdict(spec, phase, mode, from, to, step, waited, Verdict.Status.FAIL, null, null, 0, 0,
                    text, "query failed: " + text, null);
        }

        PrometheusVerdict rule(AwkwardAnswer rule, Double observed, int seriesCount, int points, String what,
                String note) {
            Verdict.Status outcome = spec.outcomeFor(rule);
            return new PrometheusVerdict(spec, phase, mode, from, to, step, waited, outcome, observed, rule,
                    seriesCount, points, null, what + " -> " + outcome + " (rule " + rule.attribute() + "="
                    + outcome + ")", note);
        }

        PrometheusVerdict judged(double observed, int seriesCount, int points, String note) {
            boolean within = spec.withinBounds(observed);
            String value = PrometheusVerdict.format(observed);
            String comparison;
            if (within) {
                comparison = value + bounds();
            } else if (spec.max().isPresent() && observed > spec.max().getAsDouble()) {
                comparison = value + " > max " + PrometheusVerdict.format(spec.max().getAsDouble());
            } else {
                comparison = value + " < min " + PrometheusVerdict.format(spec.min().getAsDouble());
            }
            return new PrometheusVerdict(spec, phase, mode, from, to, step, waited,
                    within ? Verdict.Status.PASS : Verdict.Status.FAIL, observed, null, seriesCount, points, null, comparison, note);
        }

        private String bounds() {
            StringBuilder sb = new StringBuilder();
            if (spec.min().isPresent() && spec.max().isPresent()) {
                sb.append(" within [").append(PrometheusVerdict.format(spec.min().getAsDouble())).append(", ")
                        .append(PrometheusVerdict.format(spec.max().getAsDouble())).append(']');
            } else if (spec.max().isPresent()) {
                sb.append(" <= max ").append(PrometheusVerdict.format(spec.max().getAsDouble()));
            } else {
                sb.append(" >= min ").append(PrometheusVerdict.format(spec.min().getAsDouble()));
            }
            return sb.toString();
        }
    }
}
