package dev.chaosjunit.internal;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.fault.FaultEvent;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One test's experiment: the phase sequence BEFORE (baseline), DURING (faults on schedule while the body runs),
 * revert, AFTER (recovery), then the outcome. Lives in the test's {@link ExtensionContext.Store}; {@link #close()}
 * (store closing) and {@link #revertAll} (explicit, in {@code afterEach}) both revert whatever is still active,
 * exactly once. The parts: {@link FaultScheduler} (injections and reverts), {@link Halt}, {@link ChecksControl}
 * (what checks may do), {@link Record} (what happened) and {@link Outcome} (the test's result).
 */
public final class Experiment implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");

    private final ExtensionContext context;
    private final ChaosConfig config;
    private final long seed;
    private final Declarations declarations;
    private final Path journal;
    private final Record record = new Record();
    private final Halt halt = new Halt();
    private final FaultScheduler faults;
    private final ChecksControl control;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean checksClosed = new AtomicBoolean();
    private volatile Phase phase = Phase.BEFORE;
    private volatile Status status = Status.NOT_RUN;

    public Experiment(ExtensionContext context, ChaosConfig config, long seed, Declarations declarations,
            Path journal) {
        this.context = context;
        this.config = config;
        this.seed = seed;
        this.declarations = declarations;
        this.journal = journal;
        this.faults = new FaultScheduler(context, config, declarations, record, new Random(seed),
                reason -> halt(Phase.DURING, reason, false), halt::halted);
        this.control = new ChecksControl(() -> phase, record, declarations.window(), seed, halt, this::halt);
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
        return record.timeline();
    }

    public List<Verdict> verdicts() {
        return record.verdicts();
    }

    public Map<Phase, Instant> phaseStarts() {
        return record.phaseStarts();
    }

    public Map<Phase, Instant> phaseEnds() {
        return record.phaseEnds();
    }

    public Optional<String> haltReason() {
        return halt.reason();
    }

    public Optional<Phase> haltPhase() {
        return halt.phase();
    }

    public Optional<Instant> haltAt() {
        return halt.at();
    }

    /** What became of the experiment so far. */
    public Status status() {
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
                status = Status.DISABLED;
                LOG.log(Level.DEBUG, "chaos-junit: chaos.enabled=false: running " + context.getDisplayName()
                        + " without faults (" + declarations.faults().size() + " declared)");
                invocation.proceed();
                return;
            }
            AutoCloseable locks = SharedResourceLocks.lock(declarations.sharedResources());
            try {
                runPhases(invocation);
            } finally {
                locks.close();
            }
        } finally {
            closeChecks();
        }
    }

    private void runPhases(Invocation<Void> invocation) throws Throwable {
        List<SteadyStateCheck> checks = declarations.checks();
        Duration baseline = checks.stream().map(SteadyStateCheck::baseline).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        Duration recovery = checks.stream().map(SteadyStateCheck::recovery).max(Duration::compareTo)
                .orElse(Duration.ZERO);

        startPhase(Phase.BEFORE);
        halt.pauseUntil(Instant.now().plus(baseline));
        endPhase(Phase.BEFORE);
        if (halt.halted() || record.failed(Phase.BEFORE)) {
            notSteady(invocation);
        }

        Throwable bodyFailure = null;
        startPhase(Phase.DURING);
        status = config.dryRun() ? Status.DRY_RUN : Status.RAN;
        try {
            faults.start();
            bodyFailure = body(invocation);
            if (bodyFailure == null && declarations.window().isPresent()) {
                halt.pauseUntil(record.chaosStart().plus(declarations.window().get()));
            }
        } finally {
            faults.stop();
            endPhase(Phase.DURING);
        }

        // AFTER: recovery, only when the chaos phase finished normally
        if (bodyFailure == null && !halt.halted()) {
            startPhase(Phase.AFTER);
            halt.pauseUntil(Instant.now().plus(recovery));
            endPhase(Phase.AFTER);
        }
        status = Outcome.status(halt, status);
        Outcome.conclude(halt, record, bodyFailure);
    }

    /** The baseline did not hold: the body is skipped, no fault starts, the test fails (or is aborted). */
    private void notSteady(Invocation<Void> invocation) throws Throwable {
        status = Status.NOT_STEADY;
        invocation.skip();
        String reason = halt.reason().orElse("a check failed in the baseline");
        if (halt.abortRequested()) {
            status = Status.ABORTED_NOT_STEADY;
            throw new TestAbortedException("not steady before chaos: " + reason + Outcome.table(record.verdicts()));
        }
        throw new AssertionFailedError("not steady before chaos: " + reason + Outcome.table(record.verdicts()));
    }

    /** Runs the body unless a halt came first; returns what it threw, or {@code null}. */
    private Throwable body(Invocation<Void> invocation) throws Throwable {
        if (halt.halted()) {
            invocation.skip();
            return null;
        }
        halt.setInterruptible(Thread.currentThread());
        try {
            invocation.proceed();
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            halt.setInterruptible(null);
        }
    }

    private void startPhase(Phase p) {
        phase = p;
        Instant at = Instant.now();
        record.phaseStarted(p, at);
        for (SteadyStateCheck check : declarations.checks()) {
            try {
                check.phaseStarted(p, at, control);
            } catch (Exception | AssertionError e) {
                record.add(Verdict.fail(check.name(), p, "threw at the start of " + p.label() + ": " + e));
            }
        }
    }

    private void endPhase(Phase p) {
        Instant at = Instant.now();
        record.phaseEnded(p, at);
        for (SteadyStateCheck check : declarations.checks()) {
            try {
                check.phaseEnded(p, at, control);
            } catch (Exception | AssertionError e) {
                record.add(Verdict.fail(check.name(), p, "threw at the end of " + p.label() + ": " + e));
            }
        }
    }

    private void halt(Phase p, String reason, boolean abort) {
        if (!halt.set(p, reason, abort)) {
            return;
        }
        LOG.log(Level.WARNING, "chaos-junit: halting " + context.getDisplayName() + " in " + p.label() + ": "
                + reason);
        faults.halt();
        halt.interruptTestThread();
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

    /** Reverts every active fault now; idempotent. */
    public void revertAll() {
        faults.revertAll();
    }

    @Override
    public void close() {
        faults.close();
        closeChecks();
    }
}
