package dev.chaosjunit.internal;

/** What became of an experiment, as the journal and the report entries show it. */
public enum Status {
    NOT_RUN("not run"),
    DISABLED("disabled"),
    DRY_RUN("dry-run"),
    RAN("ran"),
    NOT_STEADY("not steady before chaos"),
    ABORTED_NOT_STEADY("aborted: not steady before chaos"),
    ABORTED("aborted"),
    HALTED("halted");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The text in the journal's {@code status} and the {@code chaos.status} report entry. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
