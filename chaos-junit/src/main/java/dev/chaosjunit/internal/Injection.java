package dev.chaosjunit.internal;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.fault.ShutdownGuard;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/** One started occurrence of a fault and its revert: exactly once, retried after a failure, one caller at a time. */
final class Injection {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");

    final ResolvedFault fault;
    final int occurrence;
    private final ActiveFault handle;
    private final Instant plannedEnd;
    private final Record record;
    /** Set once a revert succeeded. */
    private final AtomicBoolean reverted = new AtomicBoolean();
    /** One revert at a time; a second caller waits for the first (bounded) instead of returning early. */
    private final ReentrantLock reverting = new ReentrantLock();
    private int failedAttempts;

    Injection(ResolvedFault fault, int occurrence, ActiveFault handle, Instant plannedEnd, Record record) {
        this.fault = fault;
        this.occurrence = occurrence;
        this.handle = handle;
        this.plannedEnd = plannedEnd;
        this.record = record;
    }

    /** When this occurrence is planned to end, or {@code null} if it lasts until the chaos phase ends. */
    Instant plannedEnd() {
        return plannedEnd;
    }

    /** When occurrence {@code occurrence} of {@code fault} ends, or {@code null} without a fixed duration. */
    static Instant plannedEnd(ResolvedFault fault, int occurrence, Instant chaosStart) {
        dev.chaosjunit.fault.Schedule s = fault.spec().schedule();
        if (s.duration().isEmpty()) {
            return null;
        }
        Duration start = s.after().plus(s.every().orElse(Duration.ZERO).multipliedBy(occurrence - 1L));
        return chaosStart.plus(start).plus(s.duration().get());
    }

    /**
     * Reverts this occurrence unless that already succeeded. A failed revert is recorded and tried again by the next
     * caller (the explicit revert in afterEach, the store closing, the JVM shutdown hook): a fault stays registered
     * with the shutdown hook until a revert succeeded. A caller that finds another thread reverting waits for it (at
     * most 30 s), so a test never ends, and releases its locks, while its fault is being removed.
     *
     * @param early whether this is a revert before the planned end (journalled as "cut short")
     */
    void revert(boolean early) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!reverting.tryLock(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "chaos-junit: gave up waiting 30s for another thread reverting "
                        + fault.description());
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
            return;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        interrupted = Thread.interrupted();
        try {
            if (!reverted.get()) {
                attempt(early);
            }
        } finally {
            reverting.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void attempt(boolean early) {
        Instant at = Instant.now();
        boolean cutShort = early && plannedEnd != null && at.isBefore(plannedEnd.minusMillis(1));
        try {
            handle.revert();
            reverted.set(true);
            ShutdownGuard.unregister(ShutdownGuard.Stage.FAULTS, this);
            String detail = cutShort ? "cut short: planned until +" + Durations.format(
                    Duration.between(record.chaosStart(), plannedEnd)) : "";
            if (failedAttempts > 0) {
                detail = (detail.isEmpty() ? "" : detail + "; ") + "after " + failedAttempts + " failed attempt(s)";
            }
            record.add(record.event(fault, occurrence, FaultEvent.Action.REVERTED, at, detail));
        } catch (Exception | AssertionError e) {
            failedAttempts++;
            record.add(record.event(fault, occurrence, FaultEvent.Action.REVERT_FAILED, at, String.valueOf(e)));
            if (failedAttempts == 1) {
                record.revertFailed(new IllegalStateException("could not revert " + fault.annotation() + " from "
                        + fault.location() + " (occurrence " + occurrence + "): " + e, e));
            }
            LOG.log(Level.ERROR, "chaos-junit: could not revert " + fault.description() + " (attempt "
                    + failedAttempts + "; it is tried again after the test and at JVM exit): " + e);
        }
    }
}
