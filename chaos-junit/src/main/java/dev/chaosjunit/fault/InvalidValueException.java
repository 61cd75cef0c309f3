package dev.chaosjunit.fault;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A declaration chaos-junit refuses before anything starts. The message is
 * {@code <subject>: <attribute> = <value> <problem>}, for example
 * {@code @InjectLatency(proxy = "payments") on CheckoutTest.slow(): latency = "5 sec" is not a duration: expected ...};
 * the subject (annotation and location) is left out when a value is checked outside an annotation.
 */
public class InvalidValueException extends ExtensionConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String attribute;
    private final transient Object value;
    private final String problem;

    /**
     * @param subject the annotation and where it was found, or {@code ""}
     * @param attribute the attribute, such as {@code latency}, or {@code null} for a problem of the whole declaration
     * @param value the value as written
     * @param problem what is wrong and what would be valid
     */
    public InvalidValueException(String subject, String attribute, Object value, String problem) {
        super(message(subject, attribute, value, problem));
        this.attribute = attribute;
        this.value = value;
        this.problem = problem;
    }

    /** The attribute, such as {@code latency}; {@code null} for a problem of the whole declaration. */
    public String attribute() {
        return attribute;
    }

    /** The value as written. */
    public Object value() {
        return value;
    }

    /** What is wrong and what would be valid, such as {@code is out of range: expected 0.0 to 1.0}. */
    public String problem() {
        return problem;
    }

    /** A value as messages show it: strings quoted, anything else as is. */
    public static String show(Object value) {
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String message(String subject, String attribute, Object value, String problem) {
        String detail = attribute == null ? problem : attribute + " = " + show(value) + " " + problem;
        return subject == null || subject.isEmpty() ? detail : subject + ": " + detail;
    }
}
