package dev.chaosjunit.prometheus;

import dev.chaosjunit.fault.AnnotationValues;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@code ${NAME}} placeholders, for example in {@code chaos.prometheus.url = http://${PROM_HOST}:9090}
 * or in a query's label matcher {@code namespace="${NAMESPACE}"}. {@code $${NAME}} stands for a literal
 * {@code ${NAME}}. A placeholder that cannot be resolved is an error naming it, never an empty string.
 */
public final class Placeholders {

    private Placeholders() {
    }

    /** Resolves placeholders from the process environment ({@link System#getenv(String)}). */
    public static String resolveFromEnvironment(String text, String what) {
        return resolve(text, what, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * Replaces every {@code ${NAME}} in {@code text} with {@code lookup.apply(NAME)}.
     *
     * @param text the text, may be {@code null} (returned as is)
     * @param what what the text is, for messages (for example {@code "query"} or {@code "chaos.prometheus.url"})
     * @param lookup the variables
     * @throws IllegalArgumentException naming {@code what}, the placeholder and the text when a variable is unset or
     *         a placeholder is malformed
     */
    public static String resolve(String text, String what, Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return AnnotationValues.replacePlaceholders(text, name -> lookup.apply(name).orElseThrow(
                () -> new IllegalArgumentException(what + ": environment variable " + name + " used as ${" + name
                        + "} in \"" + text + "\" is not set: set it, or write $${" + name + "} for a literal ${"
                        + name + "}")), name -> {
                            throw new IllegalArgumentException(what + ": placeholder \"${" + name + "}\" in \""
                                    + text + "\" is not valid: expected ${NAME} with letters, digits, '_' or '.', "
                                    + "for example ${PROMETHEUS_URL} (write $${...} for a literal ${...})");
                        });
    }
}
