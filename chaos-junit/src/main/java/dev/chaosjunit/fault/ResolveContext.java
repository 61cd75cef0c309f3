package dev.chaosjunit.fault;

import dev.chaosjunit.config.ChaosConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a {@link FaultHandler} (or a check handler) gets to resolve one annotation occurrence: where it was found, the
 * chaos window, the configuration, and the parsing methods of {@link AnnotationValues}. Every error they raise is an
 * {@link InvalidValueException} shaped as
 * {@code @InjectLatency(proxy = "payments") on CheckoutTest.slowPayments(): latency = "5 sec" is not a duration: ...}.
 */
public interface ResolveContext {

    /** Where the annotation was found, for example {@code CheckoutTest.slowPayments()} or {@code CheckoutTest}. */
    String location();

    /** The chaos window of the test ({@code @ChaosTest(window = "30s")}, or the longest a check asks for), if any. */
    Optional<Duration> window();

    /** The effective configuration. */
    ChaosConfig config();

    /** The test's extension context. */
    ExtensionContext extensionContext();

    /** The parser of this occurrence's values; its messages start with the annotation and its location. */
    AnnotationValues values();

    /** Replaces {@code ${NAME}} placeholders; an unset variable is an error naming the attribute. */
    default String string(String attribute, String value) {
        return values().string(attribute, value);
    }

    /** A non-empty string after placeholder replacement. */
    default String requiredString(String attribute, String value, String expectation) {
        return values().requiredString(attribute, value, expectation);
    }

    /** Parses a duration ({@code "400ms"}, {@code "1m30s"}); placeholders allowed. */
    default Duration duration(String attribute, String value) {
        return values().duration(attribute, value);
    }

    /** Parses a duration that must be at least {@code min}. */
    default Duration duration(String attribute, String value, Duration min) {
        return values().duration(attribute, value, min);
    }

    /** Checks a fraction in [0.0, 1.0], such as a toxicity. */
    default double fraction(String attribute, double value) {
        return values().fraction(attribute, value);
    }

    /** Checks a whole number from {@code min} to {@code max}. */
    default long integer(String attribute, long value, long min, long max) {
        return values().integer(attribute, value, min, max);
    }

    /** Parses a size such as {@code "64KB"} into bytes (1KB = 1000 bytes). */
    default long bytes(String attribute, String value) {
        return values().bytes(attribute, value);
    }

    /**
     * Resolves the common schedule attributes. Empty strings mean: {@code after} = at once, {@code duration} = until
     * the chaos phase ends, {@code every} = once. Checked against the chaos window if there is one.
     */
    default Schedule schedule(String after, String duration, String every) {
        return values().schedule(after, duration, every, window());
    }

    /**
     * An error for a bad attribute value.
     *
     * @param attribute the attribute name, such as {@code latency}
     * @param value the value as written (strings are quoted in the message)
     * @param problem what is wrong and what is valid, such as {@code is out of range: expected 0.0 to 1.0}
     */
    default InvalidValueException invalid(String attribute, Object value, String problem) {
        return values().invalid(attribute, value, problem);
    }
}
