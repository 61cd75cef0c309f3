package dev.chaosjunit.internal;

import dev.chaosjunit.check.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The halt of one experiment (the first wins) and the thread it interrupts: the test thread while it runs the body or
 * waits out a phase. Any thread may halt; the interruption never leaks past the wait or body it was meant for.
 */
final class Halt {

    private final Object lock = new Object();
    private volatile String reason;
    private volatile Phase phase;
    private volatile Instant at;
    private volatile boolean abort;
    private Thread interruptible;
    private boolean interruptedByHalt;

    /**
     * Records the halt unless there already is one.
     *
     * @return whether this call halted the experiment
     */
    boolean set(Phase p, String why, boolean asAbort) {
        synchronized (lock) {
            if (asAbort) {
                abort = true;   // also when another halt came first: the test is then reported aborted
            }
            if (reason != null) {
                return false;
            }
            phase = p;
            at = Instant.now();
            reason = why;
            return true;
        }
    }

    /** Interrupts the test thread if it is in a body or a wait, and this is another thread. */
    void interruptTestThread() {
        synchronized (lock) {
            if (interruptible != null && interruptible != Thread.currentThread()) {
                interruptedByHalt = true;
                interruptible.interrupt();
            }
        }
    }

    boolean halted() {
        return reason != null;
    }

    /** Whether a check asked for the test to be reported aborted rather than failed. */
    boolean abortRequested() {
        return abort;
    }

    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    Optional<Phase> phase() {
        return Optional.ofNullable(phase);
    }

    Optional<Instant> at() {
        return Optional.ofNullable(at);
    }

    /** Marks the current thread as the one a halt interrupts (or, with {@code null}, no thread any more). */
    void setInterruptible(Thread t) {
        synchronized (lock) {
            interruptible = t;
            if (t == null && interruptedByHalt) {
                Thread.interrupted();
                interruptedByHalt = false;
            }
        }
    }

    /** Waits until {@code until} or a halt, whichever comes first. */
    void pauseUntil(Instant until) throws InterruptedException {
        setInterruptible(Thread.currentThread());
        try {
            while (reason == null) {
                long nanos = Duration.between(Instant.now(), until).toNanos();
                if (nanos <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(nanos);
                } catch (InterruptedException e) {
                    if (reason == null) {
                        throw e;
                    }
                }
            }
        } finally {
            setInterruptible(null);
        }
    }
}
