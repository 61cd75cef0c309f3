package dev.chaosjunit.check;

import java.util.Objects;

/**
 * A check's judgement of one phase.
 *
 * @param check the check's name
 * @param phase the phase judged
 * @param status pass, fail or inconclusive; only FAIL fails the test
 * @param message one line for people
 * @param detailsJson machine-readable details as a JSON value (object, array, number...), or {@code null}
 */
public record Verdict(String check, Phase phase, Status status, String message, String detailsJson) {

    /** The outcome of a verdict. */
    public enum Status {
        PASS, FAIL, INCONCLUSIVE
    }

    public Verdict {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Verdict pass(String check, Phase phase, String message) {
        return new Verdict(check, phase, Status.PASS, message, null);
    }

    public static Verdict fail(String check, Phase phase, String message) {
        return new Verdict(check, phase, Status.FAIL, message, null);
    }

    public static Verdict inconclusive(String check, Phase phase, String message) {
        return new Verdict(check, phase, Status.INCONCLUSIVE, message, null);
    }

    /** A copy carrying machine-readable details (a JSON value). */
    public Verdict withDetails(String json) {
        return new Verdict(check, phase, status, message, json);
    }
}
