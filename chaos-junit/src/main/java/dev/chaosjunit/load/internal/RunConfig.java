package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.load.Scenario;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Everything a run needs, resolved and validated by {@code LoadDriver}. Immutable. */
public final class RunConfig {

    final InetSocketAddress address;
    final String hostHeader;
    final LoadProfile profile;
    final Scenario scenario;
    final CompiledRequest[] onStart;
    final CompiledRequest[][] tasks;
    /** Each task with the scenario's on-start requests before it, for a session's first task. */
    final CompiledRequest[][] firstTasks;
    final int[] cumulativeWeights;
    final int maxConnections;
    final int ioThreads;
    final long requestTimeoutNanos;
    final long dropAfterNanos;
    final long drainNanos;
    final long seed;
    final MicrometerBinding micrometer;
    final Consumer<String> progressSink;
    final String label;
    /** Test seam: run by each event loop at every turn of its loop (a test stalls the loop with it); null otherwise. */
    volatile Runnable iterationSeam;

    public RunConfig(InetSocketAddress address, String hostHeader, LoadProfile profile, Scenario scenario,
                     int maxConnections, int ioThreads, long requestTimeoutNanos, long dropAfterNanos, long drainNanos,
                     long seed, MicrometerBinding micrometer, Consumer<String> progressSink, String label) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.profile = profile;
        this.scenario = scenario;
        this.onStart = compile(scenario.onStartRequests(), hostHeader);
        List<Scenario.Task> ts = scenario.tasks();
        this.tasks = new CompiledRequest[ts.size()][];
        this.cumulativeWeights = new int[ts.size()];
        this.firstTasks = new CompiledRequest[ts.size()][];
        int sum = 0;
        for (int i = 0; i < ts.size(); i++) {
            tasks[i] = compile(ts.get(i).requests(), hostHeader);
            firstTasks[i] = new CompiledRequest[onStart.length + tasks[i].length];
            System.arraycopy(onStart, 0, firstTasks[i], 0, onStart.length);
            System.arraycopy(tasks[i], 0, firstTasks[i], onStart.length, tasks[i].length);
            sum += ts.get(i).weight();
            cumulativeWeights[i] = sum;
        }
        this.maxConnections = maxConnections;
        this.ioThreads = ioThreads;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.dropAfterNanos = dropAfterNanos;
        this.drainNanos = drainNanos;
        this.seed = seed;
        this.micrometer = micrometer;
        this.progressSink = progressSink;
        this.label = label;
    }

    /** A task index drawn by weight. */
    int pickTask(SplittableRandom random) {
        int[] cw = cumulativeWeights;
        if (cw.length == 1) {
            return 0;
        }
        int r = random.nextInt(cw[cw.length - 1]);
        for (int i = 0; i < cw.length; i++) {
            if (r < cw[i]) {
                return i;
            }
        }
        return cw.length - 1;
    }

    private static CompiledRequest[] compile(List<Request> requests, String host) {
        CompiledRequest[] out = new CompiledRequest[requests.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new CompiledRequest(requests.get(i), host);
        }
        return out;
    }
}
