package dev.chaosjunit.internal;

import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.fault.FaultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the checks of one experiment see of it and may do to it. */
final class ChecksControl implements ExperimentControl {

    /** Halts the experiment: in which phase, why, and whether the test is then reported aborted. */
    @FunctionalInterface
    interface Halter {
        void halt(Phase phase, String reason, boolean abort);
    }

    private final Supplier<Phase> phase;
    private final Record record;
    private final Optional<Duration> window;
    private final long seed;
    private final Halt halt;
    private final Halter halter;

    ChecksControl(Supplier<Phase> phase, Record record, Optional<Duration> window, long seed, Halt halt,
            Halter halter) {
        this.phase = phase;
        this.record = record;
        this.window = window;
        this.seed = seed;
        this.halt = halt;
        this.halter = halter;
    }

    @Override
    public Phase phase() {
        return phase.get();
    }

    @Override
    public Optional<Instant> phaseStart(Phase p) {
        return Optional.ofNullable(record.phaseStarts().get(p));
    }

    @Override
    public Optional<Duration> window() {
        return window;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public List<FaultEvent> timeline() {
        return record.timeline();
    }

    @Override
    public void verdict(Verdict verdict) {
        record.add(verdict);
    }

    @Override
    public void halt(String reason) {
        halter.halt(phase.get(), reason == null ? "halted" : reason, false);
    }

    @Override
    public void abort(String reason) {
        halter.halt(phase.get(), reason == null ? "aborted" : reason, true);
    }

    @Override
    public boolean halted() {
        return halt.halted();
    }
}
