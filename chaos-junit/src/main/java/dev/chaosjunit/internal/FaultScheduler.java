package dev.chaosjunit.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.fault.RunIds;
import dev.chaosjunit.fault.ShutdownGuard;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an experiment's faults on schedule during the chaos phase (a fault due at once on the test thread, the others
 * on one scheduler thread), ends each on its planned end, and reverts whatever is still active when the phase ends,
 * on a halt, or when the store closes.
 */
final class FaultScheduler {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");

    private final ExtensionContext context;
    private final ChaosConfig config;
    private final Declarations declarations;
    private final Record record;
    private final Random random;
    /** Called with the reason when a fault fails to start: the experiment halts. */
    private final Consumer<String> onInjectFailure;
    /** Whether the experiment was halted (possibly before {@link #halt()} ran). */
    private final BooleanSupplier halted;
    private final List<Injection> injections = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean over;
    private volatile ScheduledThreadPoolExecutor scheduler;

    FaultScheduler(ExtensionContext context, ChaosConfig config, Declarations declarations, Record record,
            Random random, Consumer<String> onInjectFailure, BooleanSupplier halted) {
        this.context = context;
        this.config = config;
        this.declarations = declarations;
        this.record = record;
        this.random = random;
        this.onInjectFailure = onInjectFailure;
        this.halted = halted;
    }

    /** Starts the schedules (or, in a dry run, journals what would start). */
    void start() {
        List<ResolvedFault> faults = declarations.faults();
        if (faults.isEmpty()) {
            return;
        }
        Instant chaosStart = record.chaosStart();
        if (config.dryRun()) {
            for (ResolvedFault f : faults) {
                String detail = "dry run: would start " + f.annotation() + " from " + f.location() + ", "
                        + f.spec().schedule() + ", " + f.spec().attributes();
                LOG.log(Level.INFO, "chaos-junit: " + detail);
                record.add(new FaultEvent(f.index(), f.description(), 1, FaultEvent.Action.WOULD_INJECT,
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
            Runnable task = () -> inject(f, occurrence.incrementAndGet());
            try {
                if (every.isPresent()) {
                    scheduler.scheduleAtFixedRate(task, afterNanos, every.get().toNanos(), TimeUnit.NANOSECONDS);
                } else if (afterNanos == 0) {
                    task.run();   // on the test thread, so a fault due at once is active before the body starts
                } else {
                    scheduler.schedule(task, afterNanos, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                if (!over && !halted.getAsBoolean()) {
                    throw e;
                }
                return;   // a halt (from a check's thread) shut the scheduler down: start nothing more
            }
        }
    }

    private void inject(ResolvedFault f, int occurrence) {
        if (over || halted.getAsBoolean() || ShutdownGuard.shuttingDown()) {
            return;
        }
        Instant at = Instant.now();
        // the time limit a server may enforce by itself: the planned end, or for a fault that lasts the whole chaos
        // phase the longest of chaos.expiry and the chaos window; plus a minute of grace
        Duration lasts = f.spec().schedule().duration().orElseGet(() -> declarations.window()
                .filter(w -> w.compareTo(config.expiry()) > 0).orElse(config.expiry()));
        Instant expires = at.plus(lasts).plus(Duration.ofMinutes(1));
        InjectionRuntime runtime = new InjectionRuntime(RunIds.name(expires, f.spec().kind()), expires, random,
                config, context);
        ActiveFault handle;
        try {
            handle = f.spec().inject(runtime);
        } catch (Exception | AssertionError e) {
            record.add(record.event(f, occurrence, FaultEvent.Action.INJECT_FAILED, at, String.valueOf(e)));
            onInjectFailure.accept("could not start " + f.annotation() + " from " + f.location() + ": " + e);
            return;
        }
        Injection injection = new Injection(f, occurrence, handle,
                Injection.plannedEnd(f, occurrence, record.chaosStart()), record);
        injections.add(injection);
        ShutdownGuard.register(ShutdownGuard.Stage.FAULTS, injection, () -> injection.revert(false));
        record.add(record.event(f, occurrence, FaultEvent.Action.INJECTED, at, runtime.name()));
        LOG.log(Level.DEBUG, "chaos-junit: started " + f.description() + " #" + occurrence);
        if (over || halted.getAsBoolean()) {
            injection.revert(true);
            return;
        }
        f.spec().schedule().duration().ifPresent(d -> {
            long delay = Duration.between(Instant.now(), injection.plannedEnd()).toNanos();
            try {
                scheduler.schedule(() -> injection.revert(false), Math.max(0, delay), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                injection.revert(true);   // halted meanwhile: revert now rather than at the planned end
            }
        });
    }

    /** The chaos phase ended: no further fault starts; waits for the scheduler, journals skipped faults, reverts. */
    void stop() {
        over = true;
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
            boolean failed = record.timeline().stream().anyMatch(e -> e.fault() == f.index());
            if (!started && !failed && !config.dryRun()) {
                record.add(record.event(f, 1, FaultEvent.Action.SKIPPED, Instant.now(),
                        "the chaos phase ended before it was due (" + f.spec().schedule() + ")"));
            }
        }
        revertAll();
    }

    /** A halt: no further fault starts, every active one is reverted now. */
    void halt() {
        over = true;
        if (scheduler != null) {
            scheduler.shutdown();
        }
        revertAll();
    }

    /** The store closes: stop at once and revert. */
    void close() {
        over = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        revertAll();
    }

    /** Reverts every active fault now; idempotent. */
    void revertAll() {
        List<Injection> all;
        synchronized (injections) {
            all = new ArrayList<>(injections);
        }
        for (Injection i : all) {
            i.revert(true);
        }
    }
}
