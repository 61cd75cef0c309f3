package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultRuntime;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.Schedule;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The shared base of the Kubernetes fault specs: the session, the marks of each injection, the journal of the calls
 * made, and the dry-run plan. In a dry run the engine starts nothing and lists {@link #attributes()}; the plan there
 * ({@code dryRun} attribute) is computed once, by reading the cluster: the targets the seed picks and every call an
 * injection would make.
 */
abstract class KubeFaultSpec implements FaultSpec {

    private static final System.Logger LOG = System.getLogger("chaos-junit.k8s");

    protected final KubeSession session;
    private final String kind;
    private final String target;
    private final Schedule schedule;
    private final Map<String, Object> attributes;
    private final boolean dryRun;
    private final long seed;
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private volatile String plan;

    KubeFaultSpec(KubeSession session, String kind, String target, Schedule schedule, Map<String, Object> attributes,
            boolean dryRun, long seed) {
        this.session = session;
        this.kind = kind;
        this.target = target;
        this.schedule = schedule;
        this.attributes = Map.copyOf(attributes);
        this.dryRun = dryRun;
        this.seed = seed;
    }

    /** Does one injection through {@code calls}; returns what reverts it (nothing for a dry-run plan). */
    protected abstract ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) throws Exception;

    @Override
    public final ActiveFault inject(FaultRuntime runtime) throws Exception {
        Marks marks = Marks.fromFaultName(runtime.name(), runtime.expires());
        ClusterCalls calls = new ClusterCalls(false);
        try {
            ActiveFault revert = start(calls, marks, runtime.random(), shortName(runtime.name()));
            record(calls);
            return () -> {
                try {
                    revert.revert();
                } finally {
                    record(calls);
                }
            };
        } catch (GuardrailException e) {
            record(calls);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The calls of one injection, logged and kept for the journal's {@code calls} attribute. */
    protected final void record(ClusterCalls calls) {
        for (String line : calls.drain()) {
            LOG.log(System.Logger.Level.INFO, "chaos-junit: " + kind + " on " + target + ": " + line);
            journal.add(line);
        }
    }

    @Override
    public final Map<String, Object> attributes() {
        Map<String, Object> out = new LinkedHashMap<>(attributes);
        if (dryRun) {
            out.put("dryRun", plan());
        }
        synchronized (journal) {
            if (!journal.isEmpty()) {
                out.put("calls", String.join("; ", journal));
            }
        }
        return out;
    }

    private synchronized String plan() {
        if (plan == null) {
            ClusterCalls calls = new ClusterCalls(true);
            try {
                start(calls, new Marks("dry-run", java.time.Instant.now()), new Random(seed), kind + "-dry-run");
                plan = String.join("; ", calls.log());
            } catch (Exception e) {
                plan = String.join("; ", calls.log()) + (calls.log().isEmpty() ? "" : "; ") + "refused: " + e.getMessage();
            }
        }
        return plan;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final String target() {
        return target;
    }

    @Override
    public final Schedule schedule() {
        return schedule;
    }

    /** A Kubernetes name for one injection, e.g. {@code chaos-cpu-stress-3}: short, lower case, unique per run. */
    static String shortName(String faultName) {
        String[] parts = faultName.split("\\.");
        String tail = parts[parts.length - 1];
        String run = parts.length > 1 ? parts[1] : "";
        String n = ("chaos-" + tail + "-" + run).toLowerCase(java.util.Locale.ROOT).replaceAll("[^-a-z0-9]", "-");
        return n.length() > 50 ? n.substring(0, 50).replaceAll("-+$", "") : n;
    }
}
