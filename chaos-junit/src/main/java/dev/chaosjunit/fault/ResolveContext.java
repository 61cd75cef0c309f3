package dev.chaosjunit.fault;

import dev.chaosjunit.config.ChaosConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Helpers for resolving one annotation occurrence. Every error they raise is an
 * {@link ExtensionConfigurationException} shaped as
 * {@code @InjectLatency(proxy = "payments") on CheckoutTest.slowPayments(): latency = "5 sec" is not a duration: ...}.
 */
public interface ResolveContext {

    /** Where the annotation was found, for example {@code CheckoutTest.slowPayments()} or {@code CheckoutTest}. */
    String location();

    /** The chaos window declared for the test ({@code @ChaosTest(window = "30s")}), if any. */
    Optional<Duration> window();

    /** The effective configuration. */
    ChaosConfig config();

    /** The test's extension context. */
    ExtensionContext extensionContext();

    /** The names of the proxies known to this test (declared on the class or registered in code). */
    Set<String> proxyNames();

    /** Replaces {@code ${ENV_VAR}} placeholders; an unset variable is an error naming the attribute. */
    String string(String attribute, String value);

    /** A non-empty string after placeholder replacement. */
    String requiredString(String attribute, String value, String expectation);

    /** Parses a duration ({@code "400ms"}, {@code "1m30s"}); placeholders allowed. */
    Duration duration(String attribute, String value);

    /** Parses a duration that must be at least {@code min}. */
    Duration duration(String attribute, String value, Duration min);

    /** Checks a fraction in [0.0, 1.0], such as a toxicity. */
    double fraction(String attribute, double value);

    /**
     * Resolves the common schedule attributes. Empty strings mean: {@code after} = at once, {@code duration} = until
     * the chaos phase ends, {@code every} = once. Checked against the chaos window if one is declared.
     */
    Schedule schedule(String after, String duration, String every);

    /**
     * An error for a bad attribute value.
     *
     * @param attribute the attribute name, such as {@code latency}
     * @param value the value as written (strings are quoted in the message)
     * @param problem what is wrong and what is valid, such as {@code is out of range: expected 0.0 to 1.0}
     */
    ExtensionConfigurationException invalid(String attribute, Object value, String problem);
}
