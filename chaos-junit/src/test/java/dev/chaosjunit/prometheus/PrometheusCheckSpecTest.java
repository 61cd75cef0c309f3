package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.check.Phase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PrometheusCheckSpecTest {

    private static final Function<String, Optional<String>> ENV =
            name -> Optional.ofNullable(Map.of("NAMESPACE", "sock-shop").get(name));

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @PrometheusCheck(name = "cart errors", max = 0.01, phase = Phase.DURING,
            query = "sum(rate(errors_total{namespace=\"${NAMESPACE}\"}[30s]))")
    @interface CartHealthy {
    }

    @PrometheusCheck(name = "cpu", query = "max(rate(container_cpu_usage_seconds_total[1m]))", max = 0.8)
    static class Base {
    }

    static class Fixture extends Base {
        @PrometheusCheck(name = "error ratio", query = "sum(rate(e[30s])) / sum(rate(r[30s]))", max = 0.05,
                min = 0, phase = {Phase.BEFORE, Phase.AFTER}, aggregate = Aggregate.AVG, step = "5s",
                scrapeLag = "0", staleAfter = "20s", onEmpty = Verdict.Status.PASS, onNaN = Verdict.Status.FAIL,
                onInfinite = Verdict.Status.INCONCLUSIVE, onMultipleSeries = Verdict.Status.INCONCLUSIVE, onStale = Verdict.Status.FAIL)
        @PrometheusCheck(name = "throughput", query = "sum(rate(r[30s]))", min = 100, aggregate = Aggregate.MIN)
        @CartHealthy
        void repeatedAndComposed() {
        }

        @PrometheusCheck(query = "  up  ", min = 1)
        void defaults() {
        }

        @PrometheusCheck(query = " ", max = 1)
        void blankQuery() {
        }

        @PrometheusCheck(query = "up")
        void noBound() {
        }

        @PrometheusCheck(query = "up", min = 2, max = 1)
        void minAboveMax() {
        }

        @PrometheusCheck(query = "up", max = Double.POSITIVE_INFINITY)
        void infiniteMax() {
        }

        @PrometheusCheck(query = "up", max = 1, phase = {})
        void noPhase() {
        }

        @PrometheusCheck(query = "up", max = 1, step = "5 sec")
        void badStep() {
        }

        @PrometheusCheck(query = "up", max = 1, step = "0")
        void zeroStep() {
        }

        @PrometheusCheck(query = "up", max = 1, scrapeLag = "soon")
        void badLag() {
        }

        @PrometheusCheck(query = "up", max = 1, staleAfter = "0")
        void zeroStaleAfter() {
        }

        @PrometheusCheck(query = "up{namespace=\"${MISSING_NS}\"}", max = 1)
        void unsetVariable() {
        }
    }

    private static PrometheusCheckSpec single(String method) {
        List<PrometheusCheckSpec> specs = PrometheusCheckSpec.findAll(method(method), ENV);
        assertThat(specs).hasSize(1);
        return specs.get(0);
    }

    private static Method method(String name) {
        try {
            return Fixture.class.getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyAttributeIsResolved() {
        List<PrometheusCheckSpec> specs = PrometheusCheckSpec.findAll(method("repeatedAndComposed"), ENV);

        assertThat(specs).extracting(PrometheusCheckSpec::name)
                .containsExactly("error ratio", "throughput", "cart errors");
        PrometheusCheckSpec errors = specs.get(0);
        assertThat(errors.query()).isEqualTo("sum(rate(e[30s])) / sum(rate(r[30s]))");
        assertThat(errors.max()).hasValue(0.05);
        assertThat(errors.min()).hasValue(0.0);
        assertThat(errors.phases()).containsExactly(Phase.BEFORE, Phase.AFTER);
        assertThat(errors.appliesTo(Phase.DURING)).isFalse();
        assertThat(errors.aggregate()).isEqualTo(Aggregate.AVG);
        assertThat(errors.step()).contains(Duration.ofSeconds(5));
        assertThat(errors.scrapeLag()).contains(Duration.ZERO);
        assertThat(errors.staleAfter()).contains(Duration.ofSeconds(20));
        assertThat(errors.outcomeFor(AwkwardAnswer.EMPTY_RESULT)).isEqualTo(Verdict.Status.PASS);
        assertThat(errors.outcomeFor(AwkwardAnswer.NAN)).isEqualTo(Verdict.Status.FAIL);
        assertThat(errors.outcomeFor(AwkwardAnswer.INFINITE)).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(errors.outcomeFor(AwkwardAnswer.MULTIPLE_SERIES)).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(errors.outcomeFor(AwkwardAnswer.STALE)).isEqualTo(Verdict.Status.FAIL);

        assertThat(specs.get(1).min()).hasValue(100.0);
        assertThat(specs.get(1).max()).isEmpty();
        assertThat(specs.get(2).query()).isEqualTo("sum(rate(errors_total{namespace=\"sock-shop\"}[30s]))");
        assertThat(specs.get(2).phases()).containsExactly(Phase.DURING);
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        PrometheusCheckSpec spec = single("defaults");

        assertThat(spec.name()).isEqualTo("up");
        assertThat(spec.query()).isEqualTo("  up  ");
        assertThat(spec.phases()).containsExactly(Phase.BEFORE, Phase.DURING, Phase.AFTER);
        assertThat(spec.aggregate()).isEqualTo(Aggregate.MAX);
        assertThat(spec.step()).isEmpty();
        assertThat(spec.scrapeLag()).isEmpty();
        assertThat(spec.staleAfter()).isEmpty();
        assertThat(spec.outcomeFor(AwkwardAnswer.EMPTY_RESULT)).isEqualTo(Verdict.Status.FAIL);
        assertThat(spec.outcomeFor(AwkwardAnswer.NAN)).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(spec.outcomeFor(AwkwardAnswer.INFINITE)).isEqualTo(Verdict.Status.FAIL);
        assertThat(spec.outcomeFor(AwkwardAnswer.MULTIPLE_SERIES)).isEqualTo(Verdict.Status.FAIL);
        assertThat(spec.outcomeFor(AwkwardAnswer.STALE)).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(spec).isEqualTo(PrometheusCheckSpec.builder("  up  ").min(1).build());
    }

    @Test
    void checksOnAClassAreInherited() {
        assertThat(PrometheusCheckSpec.findAll(Fixture.class, ENV)).extracting(PrometheusCheckSpec::name)
                .containsExactly("cpu");
    }

    @Test
    void badAttributesAreNamedWithTheValueAndWhatIsValid() {
        assertInvalid("blankQuery", "query \" \" is blank: expected a PromQL expression, for example "
                + "\"sum(rate(http_server_requests_seconds_count[30s]))\"");
        assertInvalid("noBound", "neither min nor max is set: expected at least one bound, for example max = 0.05");
        assertInvalid("minAboveMax", "min 2.0 is greater than max 1.0: expected min <= max");
        assertInvalid("infiniteMax", "max Infinity is not valid: expected a finite number (leave max unset for no "
                + "bound)");
        assertInvalid("noPhase", "phase {} is empty: expected one or more of [BEFORE, DURING, AFTER]");
        assertInvalid("badStep", "step \"5 sec\" is not a duration: expected a number followed by a unit (h, m, s,"
                + " ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"");
        assertInvalid("zeroStep", "step \"0\" is not valid: expected a positive duration such as \"5s\", or \"\" "
                + "for automatic");
        assertInvalid("badLag", "scrapeLag \"soon\" is not a duration: expected a number followed by a unit (h, m,"
                + " s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"");
        assertInvalid("zeroStaleAfter", "staleAfter \"0\" is not valid: expected a positive duration such as "
                + "\"10s\", or \"\" for automatic");
        assertInvalid("unsetVariable", "query: environment variable MISSING_NS used as ${MISSING_NS} in "
                + "\"up{namespace=\"${MISSING_NS}\"}\" is not set: set it, or write $${MISSING_NS} for a literal "
                + "${MISSING_NS}");
    }

    private static void assertInvalid(String method, String message) {
        assertThatThrownBy(() -> PrometheusCheckSpec.findAll(method(method), ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void builderGivesTheSameSpecAndIsImmutable() {
        PrometheusCheckSpec.Builder base = PrometheusCheckSpec.builder("sum(rate(r[30s]))").min(100);
        PrometheusCheckSpec.Builder named = base.name("throughput").aggregate(Aggregate.MIN);

        assertThat(named.build()).isEqualTo(PrometheusCheckSpec.findAll(method("repeatedAndComposed"), ENV).get(1));
        assertThat(base.build().name()).isEqualTo("sum(rate(r[30s]))");
        assertThat(base.build().aggregate()).isEqualTo(Aggregate.MAX);
        assertThatThrownBy(() -> base.max(Double.NaN).build())
                .hasMessage("max NaN is not valid: expected a finite number (leave max unset for no bound)");
        assertThatThrownBy(() -> base.scrapeLag(Duration.ofSeconds(-1)).build())
                .hasMessage("scrapeLag is negative: expected a duration of zero or more such as \"15s\", or \"\" "
                        + "for the default");
        PrometheusCheckSpec variant = named.build().toBuilder().on(AwkwardAnswer.STALE, Verdict.Status.PASS).build();
        assertThat(variant.outcomeFor(AwkwardAnswer.STALE)).isEqualTo(Verdict.Status.PASS);
        assertThat(named.build().outcomeFor(AwkwardAnswer.STALE)).isEqualTo(Verdict.Status.INCONCLUSIVE);
    }

    @Test
    void boundsAreInclusive() {
        PrometheusCheckSpec spec = PrometheusCheckSpec.builder("x").min(1).max(2).build();

        assertThat(spec.withinBounds(1)).isTrue();
        assertThat(spec.withinBounds(2)).isTrue();
        assertThat(spec.withinBounds(0.999)).isFalse();
        assertThat(spec.withinBounds(2.001)).isFalse();
    }
}
