package dev.chaosjunit.prometheus;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.config.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/** The rules a {@link PrometheusCheckSpec} must meet, checked all at once by its builder. */
final class PrometheusCheckRules {

    private PrometheusCheckRules() {
    }

    /** @throws IllegalArgumentException naming the attribute, the bad value and what is valid */
    static void validate(String query, Double min, Double max, Set<Phase> phases, Duration step,
            Duration scrapeLag, Duration staleAfter) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query \"" + (query == null ? "" : query) + "\" is blank: "
                    + "expected a PromQL expression, for example "
                    + "\"sum(rate(http_server_requests_seconds_count[30s]))\"");
        }
        if (min == null && max == null) {
            throw new IllegalArgumentException("neither min nor max is set: expected at least one bound, for "
                    + "example max = 0.05");
        }
        finite("max", max);
        finite("min", min);
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " is greater than max " + max
                    + ": expected min <= max");
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("phase {} is empty: expected one or more of "
                    + Arrays.toString(Phase.values()));
        }
        if (step != null && (step.isZero() || step.isNegative())) {
            throw new IllegalArgumentException("step \"" + Durations.format(step.abs()) + "\""
                    + (step.isNegative() ? " (negative)" : "") + " is not valid: expected a positive duration "
                    + "such as \"5s\", or \"\" for automatic");
        }
        if (scrapeLag != null && scrapeLag.isNegative()) {
            throw new IllegalArgumentException("scrapeLag is negative: expected a duration of zero or more "
                    + "such as \"15s\", or \"\" for the default");
        }
        if (staleAfter != null && (staleAfter.isZero() || staleAfter.isNegative())) {
            throw new IllegalArgumentException("staleAfter \"" + Durations.format(staleAfter.abs()) + "\""
                    + (staleAfter.isNegative() ? " (negative)" : "") + " is not valid: expected a positive "
                    + "duration such as \"10s\", or \"\" for automatic");
        }
    }

    private static void finite(String attribute, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(attribute + " " + value + " is not valid: expected a finite "
                    + "number (leave " + attribute + " unset for no bound)");
        }
    }
}
