package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The {@link LoadRun} behind {@code LoadDriver.start()}: its event-loop threads and its progress thread. */
public final class RunningLoad implements LoadRun {

    private final RunConfig cfg;
    private final Timeline timeline;
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch done;
    private final Thread progress;
    private volatile String label;
    /** The progress line reports no second ending after this ({@code Long.MAX_VALUE} nanos from start: none). */
    private volatile long progressEndNanos = Long.MAX_VALUE;

    private RunningLoad(RunConfig cfg) {
        this.cfg = cfg;
        this.label = cfg.label;
        long startNanos = System.nanoTime();
        Instant startInstant = Instant.now();
        this.timeline = new Timeline(startInstant, startNanos, cfg.ioThreads);
        this.done = new CountDownLatch(cfg.ioThreads);
        try {
            for (int i = 0; i < cfg.ioThreads; i++) {
                loops.add(new EventLoop(cfg, i, timeline, Selector.open()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a selector for the load driver", e);
        }
        for (int i = 0; i < loops.size(); i++) {
            EventLoop loop = loops.get(i);
            Thread t = new Thread(() -> {
                try {
                    loop.run();
                } finally {
                    done.countDown();
                }
            }, "chaos-load-io-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        this.progress = cfg.progressSink == null ? null : new Thread(this::reportProgress, "chaos-load-progress");
        if (progress != null) {
            progress.setDaemon(true);
        }
    }

    /** Starts a run; the schedule's second 0 begins now. */
    public static RunningLoad start(RunConfig cfg) {
        RunningLoad run = new RunningLoad(cfg);
        run.threads.forEach(Thread::start);
        if (run.progress != null) {
            run.progress.start();
        }
        return run;
    }

    @Override
    public Instant startedAt() {
        return timeline.startInstant();
    }

    @Override
    public LoadProfile profile() {
        return cfg.profile;
    }

    @Override
    public long seed() {
        return cfg.seed;
    }

    @Override
    public LoadStats window(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window end " + to + " is before its start " + from);
        }
        return timeline.window(from, to);
    }

    @Override
    public LoadStats total() {
        return timeline.total();
    }

    @Override
    public List<LoadStats> timeline() {
        return List.copyOf(timeline.perSecond());
    }

    @Override
    public void label(String newLabel) {
        this.label = Objects.requireNonNull(newLabel, "label");
    }

    @Override
    public void endProgress(Instant end) {
        Objects.requireNonNull(end, "end");
        progressEndNanos = Math.max(0, Duration.between(timeline.startInstant(), end).toNanos());
    }

    @Override
    public boolean isRunning() {
        return done.getCount() > 0;
    }

    @Override
    public LoadStats awaitCompletion() throws InterruptedException {
        done.await();
        joinAll();
        return total();
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        boolean finished = done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (finished) {
            joinAll();
        }
        return finished;
    }

    @Override
    public LoadStats stop() {
        loops.forEach(EventLoop::requestStop);
        boolean interrupted = false;
        while (true) {
            try {
                joinAll();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return total();
    }

    @Override
    public void close() {
        stop();
    }

    private void joinAll() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        if (progress != null) {
            progress.interrupt();
            progress.join();
        }
    }

    private void reportProgress() {
        long reported = -1;
        long startNanos = timeline.startNanos();
        try {
            while (done.getCount() > 0) {
                long now = System.nanoTime();
                long nextSecond = (now - startNanos) / 1_000_000_000L + 1;
                long wakeAt = startNanos + nextSecond * 1_000_000_000L + 50_000_000L;
                TimeUnit.NANOSECONDS.sleep(Math.max(1, wakeAt - now));
                long through = timeline.completeThrough();
                while (reported < through && done.getCount() > 0) {
                    if ((reported + 2) * 1_000_000_000L > progressEndNanos) {
                        return;   // the next second ends after the progress line's end
                    }
                    reported++;
                    Instant s = timeline.instantOf(reported);
                    cfg.progressSink.accept(ProgressLine.format(label, reported,
                            timeline.window(s, s.plusSeconds(1)), cfg.profile));
                }
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }
}
