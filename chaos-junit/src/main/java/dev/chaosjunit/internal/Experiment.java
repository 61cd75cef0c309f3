package dev.chaosjunit.internal;

import dev.chaosjunit.fault.ShutdownGuard;
import dev.chaosjunit.fault.RunIds;
import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.fault.FaultRuntime;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One test's experiment: its resolved faults and checks, and everything that happens to them. Lives in the test's
 * {@link ExtensionContext.Store}; {@link #close()} (store closing) and {@link #revertAll} (explicit, in
 * {@code afterEach}) both revert whatever is still active, exactly once.
 */
public final class Experiment implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");

    private final ExtensionContext context;
    private final ChaosConfig config;
    private final long seed;
    private final Declarations declarations;
    private final Path journal;
    private final Random random;

    private final List<FaultEvent> timeline = Collections.synchronizedList(new ArrayList<>());
    private final List<Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());
    private final List<Injection> injections = Collections.synchronizedList(new ArrayList<>());
    private final Map<Phase, Instant> phaseStarts = Collections.synchronizedMap(new EnumMap<>(Phase.class));
    private final Map<Phase, Instant> phaseEnds = Collections.synchronizedMap(new EnumMap<>(Phase.class));
    private final List<Throwable> revertFailures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean checksClosed = new AtomicBoolean();
    private final Object interruptLock = new Object();
    private final Control control = new Control();

    private volatile Phase phase = Phase.BEFORE;
    private volatile Instant chaosStart;
    private volatile boolean chaosOver;
    private volatile String haltReason;
    private volatile boolean abortRequested;
    private volatile Phase haltPhase;
    private volatile Instant haltAt;
    private volatile String status = "not run";
    private Thread interruptible;
    private boolean interruptedByHalt;
    private volatile ScheduledThreadPoolExecutor scheduler;

    public Experiment(ExtensionContext context, ChaosConfig config, long seed, Declarations declarations,
            Path journal) {
        this.context = context;
        this.config = config;
        this.seed = seed;
        this.declarations = declarations;
        this.journal = journal;
        this.random = new Random(seed);
    }

    public ChaosConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    public Declarations declarations() {
        return declarations;
    }

    public Path journal() {
        return journal;
    }

    public List<FaultEvent> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    public List<Verdict> verdicts() {
        synchronized (verdicts) {
            return List.copyOf(verdicts);
        }
    }

    public Map<Phase, Instant> phaseStarts() {
        synchronized (phaseStarts) {
            return Map.copyOf(phaseStarts);
        }
    }

    public Map<Phase, Instant> phaseEnds() {
        synchronized (phaseEnds) {
            return Map.copyOf(phaseEnds);
        }
    }

    public Optional<String> haltReason() {
        return Optional.ofNullable(haltReason);
    }

    public Optional<Phase> haltPhase() {
        return Optional.ofNullable(haltPhase);
    }

    public Optional<Instant> haltAt() {
        return Optional.ofNullable(haltAt);
    }

    /** {@code disabled}, {@code dry-run}, {@code ran}, {@code not steady before chaos}, {@code halted}... */
    public String status() {
        return status;
    }

    /** Whether the experiment's phases ran (false if another instance of the extension ran them). */
    public boolean claim() {
        return started.compareAndSet(false, true);
    }

    /** Runs the phases around the test body. */
    public void run(Invocation<Void> invocation) throws Throwable {
        try {
            if (!config.enabled()) {
                status = "disabled";
                LOG.log(Level.DEBUG, "chaos-junit: chaos.enabled=false: running " + context.getDisplayName()
                        + " without faults (" + declarations.faults().size() + " declared)");
                invocation.proceed();
                return;
            }
            try (AutoCloseable locks = SharedResourceLocks.lock(declarations.sharedResources())) {
                runPhases(invocation);
            }
        } finally {
            closeChecks();
        }
    }

    private void closeChecks() {
        if (!checksClosed.compareAndSet(false, true)) {
            return;
        }
        for (SteadyStateCheck check : declarations.checks()) {
            try {
                check.close();
            } catch (Exception | AssertionError e) {
                LOG.log(Level.WARNING, "chaos-junit: check " + check.name() + " failed to close: " + e);
            }
        }
    }

    private void runPhases(Invocation<Void> invocation) throws Throwable {
        List<SteadyStateCheck> checks = declarations.checks();
        Duration baseline = checks.stream().map(SteadyStateCheck::baseline).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        Duration recovery = checks.stream().map(SteadyStateCheck::recovery).max(Duration::compareTo)
                .orElse(Duration.ZERO);

        // BEFORE: the baseline
        startPhase(Phase.BEFORE);
        pauseUntil(Instant.now().plus(baseline));
        endPhase(Phase.BEFORE);
        if (haltReason != null || failed(Phase.BEFORE)) {
            status = "not steady before chaos";
            invocation.skip();
            String reason = haltReason != null ? haltReason : "a check failed in the baseline";
            if (abortRequested) {
                status = "aborted: not steady before chaos";
                throw new TestAbortedException("not steady before chaos: " + reason + table());
            }
            throw new AssertionFailedError("not steady before chaos: " + reason + table());
        }

        // DURING: faults on schedule while the body runs
        Throwable bodyFailure = null;
        startPhase(Phase.DURING);
        chaosStart = phaseStarts.get(Phase.DURING);
        status = config.dryRun() ? "dry-run" : "ran";
        try {
            startFaults();
            if (haltReason != null) {
                invocation.skip();
            } else {
                setInterruptible(Thread.currentThread());
                try {
                    invocation.proceed();
                } catch (Throwable t) {
                    bodyFailure = t;
                } finally {
                    setInterruptible(null);
                }
            }
            if (bodyFailure == null && declarations.window().isPresent()) {
                pauseUntil(chaosStart.plus(declarations.window().get()));
            }
        } finally {
            stopFaults();
            endPhase(Phase.DURING);
        }

        // AFTER: recovery, only when the chaos phase finished normally
        if (bodyFailure == null && haltReason == null) {
            startPhase(Phase.AFTER);
            pauseUntil(Instant.now().plus(recovery));
            endPhase(Phase.AFTER);
        }
        throwOutcome(bodyFailure);
    }

    private void throwOutcome(Throwable bodyFailure) throws Throwable {
        Throwable primary;
        if (haltReason != null && abortRequested) {
            status = "aborted";
            throw new TestAbortedException("experiment aborted in " + haltPhase.label() + ": " + haltReason + table());
        } else if (haltReason != null) {
            status = "halted";
            String when = haltPhase == Phase.AFTER ? "after chaos (recovery)" : "during chaos";
            primary = new AssertionFailedError("experiment halted " + when + ": " + haltReason + table());
            if (bodyFailure != null && !(bodyFailure instanceof InterruptedException)) {
                primary.addSuppressed(bodyFailure);
            }
        } else if (bodyFailure != null) {
            primary = bodyFailure;
            if (anyFailed()) {
                primary.addSuppressed(new AssertionFailedError("steady state not held" + table()));
            }
        } else if (anyFailed()) {
            primary = new AssertionFailedError("steady state not held" + table());
        } else if (!revertFailures.isEmpty()) {
            primary = new AssertionFailedError("chaos-junit could not revert every fault: "
                    + revertFailures.get(0).getMessage(), revertFailures.get(0));
        } else {
            return;
        }
        for (Throwable t : revertFailures) {
            if (t != primary && t != primary.getCause()) {
                primary.addSuppressed(t);
            }
        }
        throw primary;
    }

    private boolean failed(Phase p) {
        return verdicts().stream().anyMatch(v -> v.phase() == p && v.status() == Verdict.Status.FAIL);
    }

    private boolean anyFailed() {
        return verdicts().stream().anyMatch(v -> v.status() == Verdict.Status.FAIL);
    }

    /** The verdicts as a table, one line per verdict, or "" without verdicts. */
    String table() {
        List<Verdict> all = verdicts();
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

    private void startPhase(Phase p) {
        phase = p;
        Instant at = Instant.now();
        phaseStarts.put(p, at);
        for (SteadyStateCheck check : declarations.checks()) {
            try {
                check.phaseStarted(p, at, control);
            } catch (Exception | AssertionError e) {
                verdicts.add(Verdict.fail(check.name(), p, "threw at the start of " + p.label() + ": " + e));
            }
        }
    }

    private void endPhase(Phase p) {
        Instant at = Instant.now();
        phaseEnds.put(p, at);
        for (SteadyStateCheck check : declarations.checks()) {
            try {
                check.phaseEnded(p, at, control);
            } catch (Exception | AssertionError e) {
                verdicts.add(Verdict.fail(check.name(), p, "threw at the end of " + p.label() + ": " + e));
            }
        }
    }

    /** Waits until {@code until} or a halt, whichever comes first. */
    private void pauseUntil(Instant until) throws InterruptedException {
        setInterruptible(Thread.currentThread());
        try {
            while (haltReason == null) {
                long nanos = Duration.between(Instant.now(), until).toNanos();
                if (nanos <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(nanos);
                } catch (InterruptedException e) {
                    if (haltReason == null) {
                        throw e;
                    }
                }
            }
        } finally {
            setInterruptible(null);
        }
    }

    private void setInterruptible(Thread t) {
        synchronized (interruptLock) {
            interruptible = t;
            if (t == null && interruptedByHalt) {
                Thread.interrupted();
                interruptedByHalt = false;
            }
        }
    }

    // ---------------------------------------------------------------- faults

    private void startFaults() {
        List<ResolvedFault> faults = declarations.faults();
        if (faults.isEmpty()) {
            return;
        }
        if (config.dryRun()) {
            for (ResolvedFault f : faults) {
                String detail = "dry run: would start " + f.annotation() + " from " + f.location() + ", "
                        + f.spec().schedule() + ", " + f.spec().attributes();
                LOG.log(Level.INFO, "chaos-junit: " + detail);
                timeline.add(new FaultEvent(f.index(), f.description(), 1, FaultEvent.Action.WOULD_INJECT,
                        chaosStart.plus(f.spec().schedule().after()), f.spec().schedule().after(), detail));
            }
            return;
        }
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "chaos-junit-faults " + context.getDisplayName());
            t.setDaemon(true);
            return t;
        });
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
        for (ResolvedFault f : faults) {
            long afterNanos = f.spec().schedule().after().toNanos();
            Optional<Duration> every = f.spec().schedule().every();
            AtomicInteger occurrence = new AtomicInteger();
            Runnable task = () -> injectOccurrence(f, occurrence.incrementAndGet());
            try {
                if (every.isPresent()) {
                    scheduler.scheduleAtFixedRate(task, afterNanos, every.get().toNanos(), TimeUnit.NANOSECONDS);
                } else if (afterNanos == 0) {
                    task.run();   // on the test thread, so a fault due at once is active before the body starts
                } else {
                    scheduler.schedule(task, afterNanos, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                if (haltReason == null && !chaosOver) {
                    throw e;
                }
                return;   // a halt (from a check's thread) shut the scheduler down: start nothing more
            }
        }
    }

    private void injectOccurrence(ResolvedFault f, int occurrence) {
        if (haltReason != null || chaosOver) {
            return;
        }
        Instant at = Instant.now();
        Schedule planned = new Schedule(f, occurrence);
        // the time limit a server may enforce by itself: the planned end, or for a fault that lasts the whole chaos
        // phase the longest of chaos.expiry and the chaos window; plus a minute of grace
        Duration lasts = f.spec().schedule().duration().orElseGet(() -> declarations.window()
                .filter(w -> w.compareTo(config.expiry()) > 0).orElse(config.expiry()));
        Instant expires = at.plus(lasts).plus(Duration.ofMinutes(1));
        Runtime runtime = new Runtime(RunIds.name(expires, f.spec().kind()), expires);
        ActiveFault handle;
        try {
            handle = f.spec().inject(runtime);
        } catch (Exception | AssertionError e) {
            timeline.add(event(f, occurrence, FaultEvent.Action.INJECT_FAILED, at, String.valueOf(e)));
            halt(Phase.DURING, "could not start " + f.annotation() + " from " + f.location() + ": " + e);
            return;
        }
        Injection injection = new Injection(f, occurrence, handle, planned.end(chaosStart));
        injections.add(injection);
        ShutdownGuard.register(ShutdownGuard.Stage.FAULTS, injection, () -> injection.revert(false));
        timeline.add(event(f, occurrence, FaultEvent.Action.INJECTED, at, runtime.name()));
        LOG.log(Level.DEBUG, "chaos-junit: started " + f.description() + " #" + occurrence);
        if (chaosOver || haltReason != null) {
            injection.revert(true);
            return;
        }
        f.spec().schedule().duration().ifPresent(d -> {
            long delay = Duration.between(Instant.now(), injection.plannedEnd).toNanos();
            try {
                scheduler.schedule(() -> injection.revert(false), Math.max(0, delay), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                injection.revert(true);   // halted meanwhile: revert now rather than at the planned end
            }
        });
    }

    private void stopFaults() {
        chaosOver = true;
        if (scheduler != null) {
            scheduler.shutdown();
            boolean interrupted = Thread.interrupted();
            try {
                if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                scheduler.shutdownNow();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (ResolvedFault f : declarations.faults()) {
            boolean started;
            synchronized (injections) {
                started = injections.stream().anyMatch(i -> i.fault == f);
            }
            boolean failed = timeline().stream().anyMatch(e -> e.fault() == f.index());
            if (!started && !failed && !config.dryRun()) {
                timeline.add(event(f, 1, FaultEvent.Action.SKIPPED, Instant.now(),
                        "the chaos phase ended before it was due (" + f.spec().schedule() + ")"));
            }
        }
        revertAll();
    }

    /** Reverts every active fault now; idempotent. */
    public void revertAll() {
        List<Injection> all;
        synchronized (injections) {
            all = new ArrayList<>(injections);
        }
        for (Injection i : all) {
            i.revert(true);
        }
    }

    @Override
    public void close() {
        chaosOver = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        revertAll();
        closeChecks();
    }

    private void halt(Phase p, String reason) {
        synchronized (interruptLock) {
            if (haltReason != null) {
                return;
            }
            haltPhase = p;
            haltAt = Instant.now();
            haltReason = reason;
        }
        LOG.log(Level.WARNING, "chaos-junit: halting " + context.getDisplayName() + " in " + p.label() + ": "
                + reason);
        chaosOver = true;
        if (scheduler != null) {
            scheduler.shutdown();
        }
        revertAll();
        synchronized (interruptLock) {
            if (interruptible != null && interruptible != Thread.currentThread()) {
                interruptedByHalt = true;
                interruptible.interrupt();
            }
        }
    }

    private FaultEvent event(ResolvedFault f, int occurrence, FaultEvent.Action action, Instant at, String detail) {
        Duration offset = chaosStart == null ? Duration.ZERO : Duration.between(chaosStart, at);
        return new FaultEvent(f.index(), f.description(), occurrence, action, at, offset, detail);
    }

    /** When an occurrence is planned to end. */
    private static final class Schedule {
        private final ResolvedFault fault;
        private final int occurrence;

        Schedule(ResolvedFault fault, int occurrence) {
            this.fault = fault;
            this.occurrence = occurrence;
        }

        Instant end(Instant chaosStart) {
            dev.chaosjunit.fault.Schedule s = fault.spec().schedule();
            if (s.duration().isEmpty()) {
                return null;
            }
            Duration start = s.after().plus(s.every().orElse(Duration.ZERO).multipliedBy(occurrence - 1L));
            return chaosStart.plus(start).plus(s.duration().get());
        }
    }

    /** One started occurrence of a fault. */
    private final class Injection {
        final ResolvedFault fault;
        final int occurrence;
        final ActiveFault handle;
        final Instant plannedEnd;
        /** Set once a revert succeeded. */
        final AtomicBoolean reverted = new AtomicBoolean();
        /** One revert at a time; a second caller waits for the first (bounded) instead of returning early. */
        final ReentrantLock reverting = new ReentrantLock();
        int failedAttempts;

        Injection(ResolvedFault fault, int occurrence, ActiveFault handle, Instant plannedEnd) {
            this.fault = fault;
            this.occurrence = occurrence;
            this.handle = handle;
            this.plannedEnd = plannedEnd;
        }

        /**
         * Reverts this occurrence unless that already succeeded. A failed revert is recorded and tried again by the
         * next caller (the explicit revert in afterEach, the store closing, the JVM shutdown hook): a fault stays
         * registered with the shutdown hook until a revert succeeded. A caller that finds another thread reverting
         * waits for it (at most 30 s), so a test never ends, and releases its locks, while its fault is being removed.
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
                if (reverted.get()) {
                    return;
                }
                Instant at = Instant.now();
                boolean cutShort = early && plannedEnd != null && at.isBefore(plannedEnd.minusMillis(1));
                try {
                    handle.revert();
                    reverted.set(true);
                    ShutdownGuard.unregister(ShutdownGuard.Stage.FAULTS, this);
                    String detail = cutShort ? "cut short: planned until +" + Durations.format(
                            Duration.between(chaosStart, plannedEnd)) : "";
                    if (failedAttempts > 0) {
                        detail = (detail.isEmpty() ? "" : detail + "; ") + "after " + failedAttempts
                                + " failed attempt(s)";
                    }
                    timeline.add(event(fault, occurrence, FaultEvent.Action.REVERTED, at, detail));
                } catch (Exception | AssertionError e) {
                    failedAttempts++;
                    timeline.add(event(fault, occurrence, FaultEvent.Action.REVERT_FAILED, at, String.valueOf(e)));
                    if (failedAttempts == 1) {
                        revertFailures.add(new IllegalStateException("could not revert " + fault.annotation()
                                + " from " + fault.location() + " (occurrence " + occurrence + "): " + e, e));
                    }
                    LOG.log(Level.ERROR, "chaos-junit: could not revert " + fault.description() + " (attempt "
                            + failedAttempts + "; it is tried again after the test and at JVM exit): " + e);
                }
            } finally {
                reverting.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The runtime handed to one injection. */
    private final class Runtime implements FaultRuntime {
        private final String name;
        private final Instant expires;

        Runtime(String name, Instant expires) {
            this.name = name;
            this.expires = expires;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Instant expires() {
            return expires;
        }

        @Override
        public Random random() {
            synchronized (Experiment.this.random) {
                return new Random(Experiment.this.random.nextLong());
            }
        }

        @Override
        public ChaosConfig config() {
            return config;
        }

        @Override
        public ExtensionContext extensionContext() {
            return context;
        }
    }

    /** What checks see. */
    private final class Control implements ExperimentControl {
        @Override
        public Phase phase() {
            return phase;
        }

        @Override
        public Optional<Instant> phaseStart(Phase p) {
            return Optional.ofNullable(phaseStarts.get(p));
        }

        @Override
        public Optional<Duration> window() {
            return declarations.window();
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public List<FaultEvent> timeline() {
            return Experiment.this.timeline();
        }

        @Override
        public void verdict(Verdict verdict) {
            verdicts.add(verdict);
        }

        @Override
        public void halt(String reason) {
            Experiment.this.halt(phase, reason == null ? "halted" : reason);
        }

        @Override
        public void abort(String reason) {
            abortRequested = true;
            Experiment.this.halt(phase, reason == null ? "aborted" : reason);
        }

        @Override
        public boolean halted() {
            return haltReason != null;
        }
    }
}
