package dev.chaosjunit.steadystate;

/**
 * A bad value given to a steady-state builder. The message names the attribute, the value and what would be valid;
 * the annotation form reports the same text prefixed with the annotation and the test.
 */
public final class InvalidSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attribute;
    private final transient Object value;
    private final String problem;

    public InvalidSpecException(String attribute, Object value, String problem) {
        super(attribute + " = " + quote(value) + " " + problem);
        this.attribute = attribute;
        this.value = value;
        this.problem = problem;
    }

    /** The attribute (or builder method) name, such as {@code maxErrorRate}. */
    public String attribute() {
        return attribute;
    }

    /** The value as given. */
    public Object value() {
        return value;
    }

    /** What is wrong and what is valid, such as {@code is out of range: expected 0..1}. */
    public String problem() {
        return problem;
    }

    private static String quote(Object value) {
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }
}
