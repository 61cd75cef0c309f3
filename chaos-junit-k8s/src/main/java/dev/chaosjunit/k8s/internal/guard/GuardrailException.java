package dev.chaosjunit.k8s.internal.guard;

/** A guardrail refused a fault before anything changed; the message says why, with the numbers, and how to allow it. */
public final class GuardrailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GuardrailException(String message) {
        super(message);
    }
}
