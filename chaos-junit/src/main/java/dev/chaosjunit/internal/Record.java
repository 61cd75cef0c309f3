package dev.chaosjunit.internal;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.fault.FaultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What happened in one experiment, thread-safe: the fault timeline, the verdicts, the phase times, revert errors. */
final class Record {

    private final List<FaultEvent> timeline = Collections.synchronizedList(new ArrayList<>());
    private final List<Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());
    private final Map<Phase, Instant> phaseStarts = Collections.synchronizedMap(new EnumMap<>(Phase.class));
    private final Map<Phase, Instant> phaseEnds = Collections.synchronizedMap(new EnumMap<>(Phase.class));
    private final List<Throwable> revertFailures = Collections.synchronizedList(new ArrayList<>());
    private volatile Instant chaosStart;

    void add(FaultEvent event) {
        timeline.add(event);
    }

    /** An event of fault {@code f}, timed from the start of the chaos phase. */
    FaultEvent event(ResolvedFault f, int occurrence, FaultEvent.Action action, Instant at, String detail) {
        Duration offset = chaosStart == null ? Duration.ZERO : Duration.between(chaosStart, at);
        return new FaultEvent(f.index(), f.description(), occurrence, action, at, offset, detail);
    }

    void add(Verdict verdict) {
        verdicts.add(verdict);
    }

    void revertFailed(Throwable t) {
        revertFailures.add(t);
    }

    void phaseStarted(Phase p, Instant at) {
        phaseStarts.put(p, at);
        if (p == Phase.DURING) {
            chaosStart = at;
        }
    }

    void phaseEnded(Phase p, Instant at) {
        phaseEnds.put(p, at);
    }

    Instant chaosStart() {
        return chaosStart;
    }

    List<FaultEvent> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    List<Verdict> verdicts() {
        synchronized (verdicts) {
            return List.copyOf(verdicts);
        }
    }

    List<Throwable> revertFailures() {
        synchronized (revertFailures) {
            return List.copyOf(revertFailures);
        }
    }

    Map<Phase, Instant> phaseStarts() {
        synchronized (phaseStarts) {
            return Map.copyOf(phaseStarts);
        }
    }

    Map<Phase, Instant> phaseEnds() {
        synchronized (phaseEnds) {
            return Map.copyOf(phaseEnds);
        }
    }

    boolean failed(Phase p) {
        return verdicts().stream().anyMatch(v -> v.phase() == p && v.status() == Verdict.Status.FAIL);
    }

    boolean anyFailed() {
        return verdicts().stream().anyMatch(v -> v.status() == Verdict.Status.FAIL);
    }
}
