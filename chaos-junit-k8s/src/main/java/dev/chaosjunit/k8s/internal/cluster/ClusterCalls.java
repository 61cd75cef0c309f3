package dev.chaosjunit.k8s.internal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gate every call that changes the cluster goes through. It records what is done (or, in a dry run, what would be
 * done, without doing it), so a dry run and the journal can list the calls.
 */
public final class ClusterCalls {

    private final boolean dryRun;
    private final List<String> log = new ArrayList<>();
    private int drained;

    public ClusterCalls(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Whether changes are only listed. */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Makes a change, or only records it in a dry run.
     *
     * @param call the call as people read it, e.g. {@code POST pods/eviction sock-shop/front-end-7d9 (grace: pod's own)}
     * @param change the change itself
     * @return the change's result, or {@code null} in a dry run
     */
    public synchronized <T> T change(String call, Supplier<T> change) {
        log.add((dryRun ? "would " : "") + call);
        if (dryRun) {
            return null;
        }
        return change.get();
    }

    /** Like {@link #change(String, Supplier)} for calls without a result. */
    public void change(String call, Runnable change) {
        change(call, () -> {
            change.run();
            return Boolean.TRUE;
        });
    }

    /** Records something worth listing that is not a call (a chosen target, a refusal reason). */
    public synchronized void note(String line) {
        log.add(line);
    }

    /** Takes the lines logged since the last drain. */
    public synchronized List<String> drain() {
        List<String> out = List.copyOf(log.subList(drained, log.size()));
        drained = log.size();
        return out;
    }

    /** Every call made or listed so far, in order. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }
}
