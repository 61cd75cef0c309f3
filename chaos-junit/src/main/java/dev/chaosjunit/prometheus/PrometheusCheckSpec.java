package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.check.Phase;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One Prometheus steady-state check, resolved and validated: immutable, made either from a {@link PrometheusCheck}
 * annotation ({@link #of(PrometheusCheck)}) or programmatically ({@link #builder(String)}); both run the same
 * validation and throw {@link IllegalArgumentException}s that name the attribute, the bad value and what is valid.
 *
 * <pre>{@code
 * PrometheusCheckSpec errors = PrometheusCheckSpec.builder("sum(rate(errors_total[30s]))")
 *         .name("error rate").max(0.5).phases(Phase.DURING).aggregate(Aggregate.AVG).build();
 * }</pre>
 */
public final class PrometheusCheckSpec {

    private final String name;
    private final String query;
    private final Double min;
    private final Double max;
    private final Set<Phase> phases;
    private final Aggregate aggregate;
    private final Duration step;
    private final Duration scrapeLag;
    private final Duration staleAfter;
    private final Map<AwkwardAnswer, Verdict.Status> rules;

    private PrometheusCheckSpec(Builder b) {
        this.query = b.query;
        this.name = b.name == null || b.name.isBlank() ? b.query.strip() : b.name.strip();
        this.min = b.min;
        this.max = b.max;
        this.phases = Collections.unmodifiableSet(EnumSet.copyOf(b.phases));
        this.aggregate = b.aggregate;
        this.step = b.step;
        this.scrapeLag = b.scrapeLag;
        this.staleAfter = b.staleAfter;
        this.rules = Collections.unmodifiableMap(new EnumMap<>(b.rules));
    }

    /** Starts a builder for a check of {@code query}; defaults are those of {@link PrometheusCheck}. */
    public static Builder builder(String query) {
        return new Builder(query);
    }

    /** Resolves an annotation, taking {@code ${ENV}} placeholders in the query from the process environment. */
    public static PrometheusCheckSpec of(PrometheusCheck check) {
        return of(check, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * Resolves an annotation.
     *
     * @param check the annotation
     * @param environment resolves {@code ${NAME}} placeholders in the query
     * @throws IllegalArgumentException naming the attribute, the bad value and what is valid
     */
    public static PrometheusCheckSpec of(PrometheusCheck check, Function<String, Optional<String>> environment) {
        return PrometheusCheckAnnotations.resolve(check, environment);
    }

    /**
     * Finds every {@link PrometheusCheck} on {@code element} (direct, repeated, meta-annotated, inherited from a
     * superclass) through JUnit's {@link AnnotationSupport} and resolves each, in declaration order.
     */
    public static List<PrometheusCheckSpec> findAll(AnnotatedElement element,
            Function<String, Optional<String>> environment) {
        return AnnotationSupport.findRepeatableAnnotations(element, PrometheusCheck.class).stream()
                .map(a -> of(a, environment))
                .collect(Collectors.toUnmodifiableList());
    }

    /** The name used in messages; the query when none was given. */
    public String name() {
        return name;
    }

    /** The PromQL expression, placeholders resolved. */
    public String query() {
        return query;
    }

    /** The inclusive lower bound, if any. */
    public OptionalDouble min() {
        return min == null ? OptionalDouble.empty() : OptionalDouble.of(min);
    }

    /** The inclusive upper bound, if any. */
    public OptionalDouble max() {
        return max == null ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    /** The phases the check is evaluated in. */
    public Set<Phase> phases() {
        return phases;
    }

    /** True when the check is to be evaluated in {@code phase}. */
    public boolean appliesTo(Phase phase) {
        return phases.contains(phase);
    }

    /** How the window's points are aggregated. */
    public Aggregate aggregate() {
        return aggregate;
    }

    /** The range-query step, if fixed; otherwise the evaluator picks one from the window. */
    public Optional<Duration> step() {
        return Optional.ofNullable(step);
    }

    /** The scrape-lag allowance, if fixed; otherwise the evaluator's default. */
    public Optional<Duration> scrapeLag() {
        return Optional.ofNullable(scrapeLag);
    }

    /** The staleness bound, if fixed; otherwise 3 steps, at least 5s. */
    public Optional<Duration> staleAfter() {
        return Optional.ofNullable(staleAfter);
    }

    /** The outcome for an awkward answer. */
    public Verdict.Status outcomeFor(AwkwardAnswer answer) {
        return rules.get(answer);
    }

    /** True when {@code value} lies within the bounds (inclusive); {@code value} must not be NaN. */
    public boolean withinBounds(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    /** A builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(query);
        b.name = name;
        b.min = min;
        b.max = max;
        b.phases = EnumSet.copyOf(phases);
        b.aggregate = aggregate;
        b.step = step;
        b.scrapeLag = scrapeLag;
        b.staleAfter = staleAfter;
        b.rules = new EnumMap<>(rules);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PrometheusCheckSpec)) {
            return false;
        }
        PrometheusCheckSpec s = (PrometheusCheckSpec) o;
        return name.equals(s.name) && query.equals(s.query) && Objects.equals(min, s.min)
                && Objects.equals(max, s.max) && phases.equals(s.phases) && aggregate == s.aggregate
                && Objects.equals(step, s.step) && Objects.equals(scrapeLag, s.scrapeLag)
                && Objects.equals(staleAfter, s.staleAfter) && rules.equals(s.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, query, min, max, phases, aggregate, step, scrapeLag, staleAfter, rules);
    }

    @Override
    public String toString() {
        return "PrometheusCheck[" + name + ": " + (min != null ? "min " + min + " " : "")
                + (max != null ? "max " + max + " " : "") + aggregate.label() + " over " + phases + "]";
    }

    /**
     * An immutable builder: every method returns a new builder. {@link #build()} validates everything at once.
     */
    public static final class Builder {

        private final String query;
        private String name;
        private Double min;
        private Double max;
        private Set<Phase> phases = EnumSet.allOf(Phase.class);
        private Aggregate aggregate = Aggregate.MAX;
        private Duration step;
        private Duration scrapeLag;
        private Duration staleAfter;
        private Map<AwkwardAnswer, Verdict.Status> rules = defaults();

        private Builder(String query) {
            this.query = query;
        }

        private static Map<AwkwardAnswer, Verdict.Status> defaults() {
            Map<AwkwardAnswer, Verdict.Status> m = new EnumMap<>(AwkwardAnswer.class);
            for (AwkwardAnswer a : AwkwardAnswer.values()) {
                m.put(a, a.defaultOutcome());
            }
            return m;
        }

        private Builder copy() {
            Builder b = new Builder(query);
            b.name = name;
            b.min = min;
            b.max = max;
            b.phases = EnumSet.copyOf(phases.isEmpty() ? EnumSet.noneOf(Phase.class) : phases);
            b.aggregate = aggregate;
            b.step = step;
            b.scrapeLag = scrapeLag;
            b.staleAfter = staleAfter;
            b.rules = new EnumMap<>(rules);
            return b;
        }

        /** The name used in messages; blank = the query. */
        public Builder name(String name) {
            Builder b = copy();
            b.name = name;
            return b;
        }

        /** The inclusive upper bound. */
        public Builder max(double max) {
            Builder b = copy();
            b.max = max;
            return b;
        }

        /** The inclusive lower bound. */
        public Builder min(double min) {
            Builder b = copy();
            b.min = min;
            return b;
        }

        /** The phases to evaluate in (at least one). */
        public Builder phases(Phase... phases) {
            Builder b = copy();
            b.phases = phases.length == 0 ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(Arrays.asList(phases));
            return b;
        }

        /** How the window's points are aggregated. */
        public Builder aggregate(Aggregate aggregate) {
            Builder b = copy();
            b.aggregate = Objects.requireNonNull(aggregate, "aggregate");
            return b;
        }

        /** A fixed range-query step (positive). */
        public Builder step(Duration step) {
            Builder b = copy();
            b.step = Objects.requireNonNull(step, "step");
            return b;
        }

        /** A fixed scrape-lag allowance (zero or more). */
        public Builder scrapeLag(Duration lag) {
            Builder b = copy();
            b.scrapeLag = Objects.requireNonNull(lag, "scrapeLag");
            return b;
        }

        /** A fixed staleness bound (positive). */
        public Builder staleAfter(Duration staleAfter) {
            Builder b = copy();
            b.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
            return b;
        }

        /** The outcome for an awkward answer. */
        public Builder on(AwkwardAnswer answer, Verdict.Status outcome) {
            Builder b = copy();
            b.rules.put(Objects.requireNonNull(answer, "answer"), Objects.requireNonNull(outcome, "outcome"));
            return b;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the attribute, the bad value and what is valid
         */
        public PrometheusCheckSpec build() {
            PrometheusCheckRules.validate(query, min, max, phases, step, scrapeLag, staleAfter);
            return new PrometheusCheckSpec(this);
        }
    }
}
