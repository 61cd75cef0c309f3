package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One I/O thread of a run: its share of the connections, of the schedule (open model) or of the users (closed
 * model); it sends on schedule, runs each task's steps, and stops and drains. Sockets are {@link ChannelIo}'s,
 * numbers {@link LoopRecorder}'s. Everything here is confined to the loop's thread except {@link #requestStop()}.
 */
final class EventLoop implements Runnable, ChannelIo.Events {

    private static final long TIMEOUT_SCAN_NANOS = 10_000_000L;
    private static final long IDLE_WAKE_NANOS = 100_000_000L;

    private final RunConfig cfg;
    private final long start;
    private final long end;
    private final ChannelIo io;
    private final LoopRecorder recorder;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayList<Connection> all = new ArrayList<>();
    private final SplittableRandom random;
    private final boolean open;
    private final int maxConnections;

    private final Arrivals arrivals;   // open model

    // closed model
    private final PriorityQueue<Connection> timers =
            new PriorityQueue<>((a, b) -> Long.compare(a.nextSendAt, b.nextSendAt));

    private volatile boolean stopRequested;
    private boolean dispatching = true;
    private long drainDeadline;
    private long nextTimeoutScan;
    private int inFlight;

    EventLoop(RunConfig cfg, int index, Timeline timeline, Selector selector) {
        this.cfg = cfg;
        this.start = timeline.startNanos();
        this.end = start + cfg.profile.duration().toNanos();
        this.io = new ChannelIo(selector, cfg.address, this);
        this.recorder = new LoopRecorder(timeline, index, cfg.micrometer);
        this.random = new SplittableRandom(cfg.seed + 0x9E3779B97F4A7C15L * (index + 1));
        this.open = cfg.profile.isOpen();
        int loops = cfg.ioThreads;
        if (open) {
            this.maxConnections = share(cfg.maxConnections, loops, index);
            this.arrivals = new Arrivals(new ArrivalSchedule(cfg.profile, index, loops), start);
        } else {
            this.arrivals = null;
            int users = share(cfg.profile.users(), loops, index);
            this.maxConnections = users;
            for (int i = 0; i < users; i++) {
                Connection c = new Connection();
                c.nextSendAt = start;
                all.add(c);
                timers.add(c);
            }
        }
    }

    static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    void requestStop() {
        stopRequested = true;
        io.wakeup();
    }

    @Override
    public void run() {
        try {
            loop();
        } finally {
            for (Connection c : all) {
                io.close(c);
            }
            io.closeSelector();
        }
    }

    private void loop() {
        while (true) {
            long now = System.nanoTime();
            recorder.rotate(now);
            if (dispatching && (stopRequested || (!open && now >= end))) {
                stopDispatching(now);
            }
            if (dispatching) {
                if (open) {
                    dispatchArrivals(now);
                } else {
                    dispatchUsers(now);
                }
            }
            if (inFlight > 0 && now >= nextTimeoutScan) {
                scanTimeouts(now);
                nextTimeoutScan = now + TIMEOUT_SCAN_NANOS;
            }
            if (!dispatching && (inFlight == 0 || now >= drainDeadline)) {
                abandonInFlight(now);
                recorder.finish(now);
                return;
            }
            if (cfg.iterationSeam != null) {
                cfg.iterationSeam.run();
            }
            long wait = stopRequested && dispatching ? 0 : nextWake(now) - now;
            long waitStart = System.nanoTime();
            io.await(wait, inFlight > 0);
            recorder.waited(System.nanoTime() - waitStart);
        }
    }

    // ---------------------------------------------------------------- scheduling

    private void dispatchArrivals(long now) {
        while (arrivals.next() <= now) {
            // when capacity for this arrival was free: the oldest idle connection's release, or always while
            // connections may still be opened; lateness before that is the server's (every connection was busy)
            long freeSince = !idle.isEmpty() ? idle.peekFirst().freeSince
                    : all.size() < maxConnections ? Long.MIN_VALUE : Long.MAX_VALUE;
            Connection c = acquire();
            if (c == null) {
                if (now - arrivals.next() > cfg.dropAfterNanos) {
                    recorder.dropped(arrivals.dropBefore(now - cfg.dropAfterNanos));
                    continue;
                }
                return;
            }
            long intended = arrivals.next();
            arrivals.advance();
            startTask(c, intended, now, Math.max(intended, freeSince));
        }
        if (arrivals.next() == Arrivals.NONE) {
            stopDispatching(now);
        }
    }

    private void dispatchUsers(long now) {
        while (!timers.isEmpty() && timers.peek().nextSendAt <= now) {
            Connection c = timers.poll();
            startTask(c, c.nextSendAt, now, c.nextSendAt);
        }
    }

    private Connection acquire() {
        Connection c = idle.pollLast();
        if (c != null) {
            return c;
        }
        if (all.size() < maxConnections) {
            c = new Connection();
            all.add(c);
            return c;
        }
        return null;
    }

    private void stopDispatching(long now) {
        if (!dispatching) {
            return;
        }
        dispatching = false;
        if (open) {
            // arrivals already due but not sent when a stop is requested were not served: count them as dropped
            recorder.dropped(arrivals.dropBefore(now + 1));
        }
        timers.clear();
        drainDeadline = now + cfg.drainNanos;
    }

    private long nextWake(long now) {
        long wake = Math.min(now + IDLE_WAKE_NANOS, recorder.secondEnd());
        if (dispatching) {
            if (open) {
                long next = arrivals.next();
                if (next != Arrivals.NONE) {
                    boolean free = !idle.isEmpty() || all.size() < maxConnections;
                    wake = Math.min(wake, free ? next : next + cfg.dropAfterNanos + 1);
                }
            } else {
                if (!timers.isEmpty()) {
                    wake = Math.min(wake, timers.peek().nextSendAt);
                }
                wake = Math.min(wake, end);
            }
        } else {
            wake = Math.min(wake, drainDeadline);
        }
        if (inFlight > 0) {
            wake = Math.min(wake, Math.max(nextTimeoutScan, now));
        }
        return wake;
    }

    // ---------------------------------------------------------------- tasks

    /** Starts a task intended at {@code intended}, which the driver could have sent from {@code sendable}. */
    private void startTask(Connection c, long intended, long now, long sendable) {
        int t = cfg.pickTask(random);
        boolean first = !c.session.started && cfg.onStart.length > 0;
        c.steps = first ? cfg.firstTasks[t] : cfg.tasks[t];
        c.onStartSteps = first ? cfg.onStart.length : 0;
        c.step = 0;
        c.intended = intended;
        recorder.sent(now - intended);
        c.driverLag = Math.max(0, now - sendable);
        sendStep(c, now);
    }

    private void sendStep(Connection c, long now) {
        CompiledRequest r = c.steps[c.step];
        recorder.started();
        c.sent = now;
        c.deadline = now + cfg.requestTimeoutNanos;
        c.retried = false;
        byte[] bytes;
        try {
            bytes = r.encode(c.session);
        } catch (CompiledRequest.MissingVariable e) {
            inFlight++;
            if (c.state == Connection.IDLE) {
                c.state = Connection.BUSY;
            }
            finishStep(c, ErrorKind.CHECK_FAILED, now);
            return;
        }
        c.parser.reset(r.needsBody, r.head);
        c.pending = bytes;
        inFlight++;
        if (c.state == Connection.CLOSED) {
            io.connect(c, now);
        } else {
            c.state = Connection.BUSY;
            io.write(c, now);
        }
    }

    // ---------------------------------------------------------------- completion

    @Override
    public void responded(Connection c, long now, boolean close) {
        ErrorKind kind = ResponseChecks.judge(c.steps[c.step], c.parser, c.session);
        if (close) {
            io.close(c);
        } else {
            c.state = Connection.IDLE;
        }
        finishStep(c, kind, now);
    }

    @Override
    public void failed(Connection c, ErrorKind kind, long now) {
        io.close(c);
        finishStep(c, kind, now);
    }

    private void finishStep(Connection c, ErrorKind kind, long now) {
        recorder.completed(kind, now - c.intended, now - c.sent, c.driverLag);
        c.driverLag = 0;   // a task's next step is sent at once, from the completion
        inFlight--;
        if (kind == null && c.step + 1 == c.onStartSteps) {
            c.session.started = true;
        }
        if (kind == null && c.step + 1 < c.steps.length && (dispatching || System.nanoTime() < drainDeadline)) {
            c.step++;
            c.intended = now;
            sendStep(c, now);
            return;
        }
        taskDone(c, kind, now);
    }

    private void taskDone(Connection c, ErrorKind kind, long now) {
        if (c.state == Connection.BUSY) {
            c.state = Connection.IDLE;
        }
        if (open) {
            c.freeSince = now;
            idle.addLast(c);
            return;
        }
        if (!dispatching) {
            return;
        }
        long think = cfg.profile.thinkTime().nextNanos(random);
        if (think == 0 && kind == null && now < end && !stopRequested) {
            startTask(c, now, now, now);
        } else {
            c.nextSendAt = now + think;
            timers.add(c);
        }
    }

    private void scanTimeouts(long now) {
        for (int i = 0; i < all.size(); i++) {
            Connection c = all.get(i);
            if (c.inFlight() && now > c.deadline) {
                failed(c, ErrorKind.TIMEOUT, now);
            }
        }
    }

    private void abandonInFlight(long now) {
        for (int i = 0; i < all.size(); i++) {
            Connection c = all.get(i);
            if (c.inFlight()) {
                c.steps = new CompiledRequest[] {c.steps[c.step]};
                c.step = 0;
                c.onStartSteps = 0;
                failed(c, ErrorKind.TIMEOUT, now);
            }
        }
    }
}
