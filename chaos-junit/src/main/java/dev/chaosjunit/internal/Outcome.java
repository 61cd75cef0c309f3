package dev.chaosjunit.internal;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.Verdict;
import java.util.List;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Turns what happened (halt, body failure, verdicts, revert failures) into the test's one outcome. */
final class Outcome {

    private Outcome() {
    }

    /** The status a halt gives the experiment, or {@code otherwise} without a halt. */
    static Status status(Halt halt, Status otherwise) {
        return !halt.halted() ? otherwise : halt.abortRequested() ? Status.ABORTED : Status.HALTED;
    }

    /**
     * Throws the test's failure or abort, if any.
     *
     * @param bodyFailure what the body threw, or {@code null}
     */
    static void conclude(Halt halt, Record record, Throwable bodyFailure) throws Throwable {
        Throwable primary;
        if (halt.halted() && halt.abortRequested()) {
            throw new TestAbortedException("experiment aborted in " + halt.phase().get().label() + ": "
                    + halt.reason().get() + table(record.verdicts()));
        } else if (halt.halted()) {
            String when = halt.phase().get() == Phase.AFTER ? "after chaos (recovery)" : "during chaos";
            primary = new AssertionFailedError("experiment halted " + when + ": " + halt.reason().get()
                    + table(record.verdicts()));
            if (bodyFailure != null && !(bodyFailure instanceof InterruptedException)) {
                primary.addSuppressed(bodyFailure);
            }
        } else if (bodyFailure != null) {
            primary = bodyFailure;
            if (record.anyFailed()) {
                primary.addSuppressed(new AssertionFailedError("steady state not held" + table(record.verdicts())));
            }
        } else if (record.anyFailed()) {
            primary = new AssertionFailedError("steady state not held" + table(record.verdicts()));
        } else if (!record.revertFailures().isEmpty()) {
            Throwable first = record.revertFailures().get(0);
            primary = new AssertionFailedError("chaos-junit could not revert every fault: " + first.getMessage(),
                    first);
        } else {
            return;
        }
        for (Throwable t : record.revertFailures()) {
            if (t != primary && t != primary.getCause()) {
                primary.addSuppressed(t);
            }
        }
        throw primary;
    }

    /** The verdicts as a table, one line per verdict, or "" without verdicts. */
    static String table(List<Verdict> all) {
        if (all.isEmpty()) {
            return "";
        }
        int w = Math.max(5, all.stream().mapToInt(v -> v.check().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder("\n");
        sb.append(String.format("  %-6s | %-" + w + "s | %-12s | %s%n", "phase", "check", "verdict", "message"));
        for (Phase p : Phase.values()) {
            for (Verdict v : all) {
                if (v.phase() == p) {
                    sb.append(String.format("  %-6s | %-" + w + "s | %-12s | %s%n", p.label(), v.check(),
                            v.status(), v.message()));
                }
            }
        }
        return sb.toString().stripTrailing();
    }
}
