package dev.chaosjunit.prometheus;

import dev.chaosjunit.config.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Turns a {@link PrometheusCheck} annotation into a {@link PrometheusCheckSpec}. */
final class PrometheusCheckAnnotations {

    private PrometheusCheckAnnotations() {
    }

    static PrometheusCheckSpec resolve(PrometheusCheck check, Function<String, Optional<String>> environment) {
        String query = Placeholders.resolve(check.query(), "query", environment);
        PrometheusCheckSpec.Builder b = PrometheusCheckSpec.builder(query)
                .name(check.name())
                .phases(check.phase())
                .aggregate(check.aggregate())
                .on(AwkwardAnswer.EMPTY_RESULT, check.onEmpty())
                .on(AwkwardAnswer.NAN, check.onNaN())
                .on(AwkwardAnswer.INFINITE, check.onInfinite())
                .on(AwkwardAnswer.MULTIPLE_SERIES, check.onMultipleSeries())
                .on(AwkwardAnswer.STALE, check.onStale());
        if (!Double.isNaN(check.max())) {
            b = b.max(check.max());
        }
        if (!Double.isNaN(check.min())) {
            b = b.min(check.min());
        }
        if (!check.step().isBlank()) {
            b = b.step(duration("step", check.step()));
        }
        if (!check.scrapeLag().isBlank()) {
            b = b.scrapeLag(duration("scrapeLag", check.scrapeLag()));
        }
        if (!check.staleAfter().isBlank()) {
            b = b.staleAfter(duration("staleAfter", check.staleAfter()));
        }
        return b.build();
    }

    private static Duration duration(String attribute, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(attribute + " " + e.getMessage(), e);
        }
    }
}
