package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.Check;
import dev.chaosjunit.load.Capture;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One I/O thread of a run: a selector, its share of the connections, its share of the schedule (open model) or of
 * the users (closed model), and its recorder. Everything here is confined to the loop's thread except
 * {@link #requestStop()}.
 */
final class EventLoop implements Runnable {

    private static final long SECOND = 1_000_000_000L;
    private static final long TIMEOUT_SCAN_NANOS = 10_000_000L;
    private static final long LATE_NANOS = 10_000_000L;
    private static final long IDLE_WAKE_NANOS = 100_000_000L;

    private final RunConfig cfg;
    private final int index;
    private final Timeline timeline;
    private final long start;
    private final long end;
    private final Selector selector;
    private final byte[] readArray = new byte[64 * 1024];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readArray);
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayList<Connection> all = new ArrayList<>();
    private final SplittableRandom random;
    private final boolean open;
    private final int maxConnections;

    // open model
    private ArrivalSchedule schedule;
    private long nextIntended = Long.MAX_VALUE;
    private boolean arrivalBlocked;

    // closed model
    private final PriorityQueue<Connection> timers =
            new PriorityQueue<>((a, b) -> Long.compare(a.nextSendAt, b.nextSendAt));

    private volatile boolean stopRequested;
    private boolean dispatching = true;
    private long drainDeadline;
    private long nextTimeoutScan;
    private int inFlight;

    private SecondBucket bucket;
    private long eventNow;
    private final java.util.function.Consumer<SelectionKey> onKey = this::onKey;

    EventLoop(RunConfig cfg, int index, Timeline timeline, Selector selector) {
        this.cfg = cfg;
        this.index = index;
        this.timeline = timeline;
        this.start = timeline.startNanos();
        this.end = start + cfg.profile.duration().toNanos();
        this.selector = selector;
        this.random = new SplittableRandom(cfg.seed + 0x9E3779B97F4A7C15L * (index + 1));
        this.open = cfg.profile.isOpen();
        int loops = cfg.ioThreads;
        if (open) {
            this.maxConnections = share(cfg.maxConnections, loops, index);
            this.schedule = new ArrivalSchedule(cfg.profile, index, loops);
            advanceArrival();
        } else {
            int users = share(cfg.profile.users(), loops, index);
            this.maxConnections = users;
            for (int i = 0; i < users; i++) {
                Connection c = new Connection();
                c.nextSendAt = start;
                all.add(c);
                timers.add(c);
            }
        }
        this.bucket = new SecondBucket(0);
    }

    static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    void requestStop() {
        stopRequested = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            loop();
        } finally {
            for (Connection c : all) {
                closeChannel(c);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void loop() {
        while (true) {
            long now = System.nanoTime();
            rotate(now);
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
            if (!dispatching) {
                if (inFlight == 0 || now >= drainDeadline) {
                    abandonInFlight(now);
                    finish(now);
                    return;
                }
            }
            waitForEvents(now, nextWake(now));
        }
    }

    // ---------------------------------------------------------------- scheduling

    private void advanceArrival() {
        long offset = schedule.next();
        nextIntended = offset == ArrivalSchedule.END ? Long.MAX_VALUE : start + offset;
        arrivalBlocked = false;
    }

    private void dispatchArrivals(long now) {
        while (nextIntended <= now) {
            Connection c = acquire();
            if (c == null) {
                if (now - nextIntended > cfg.dropAfterNanos) {
                    dropped();
                    advanceArrival();
                    continue;
                }
                arrivalBlocked = true;
                return;
            }
            long intended = nextIntended;
            boolean blocked = arrivalBlocked;
            advanceArrival();
            startTask(c, intended, now, blocked);
        }
        if (nextIntended == Long.MAX_VALUE) {
            stopDispatching(now);
        }
    }

    private void dispatchUsers(long now) {
        while (!timers.isEmpty() && timers.peek().nextSendAt <= now) {
            Connection c = timers.poll();
            startTask(c, c.nextSendAt, now, false);
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
            while (nextIntended <= now) {
                dropped();
                advanceArrival();
            }
        }
        timers.clear();
        drainDeadline = now + cfg.drainNanos;
    }

    private long nextWake(long now) {
        long wake = Math.min(now + IDLE_WAKE_NANOS, start + (bucket.second + 1) * SECOND);
        if (dispatching) {
            if (open) {
                if (nextIntended != Long.MAX_VALUE) {
                    boolean free = !idle.isEmpty() || all.size() < maxConnections;
                    wake = Math.min(wake, free ? nextIntended : nextIntended + cfg.dropAfterNanos + 1);
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

    private void waitForEvents(long now, long wake) {
        long wait = wake - now;
        eventNow = 0;
        try {
            if (stopRequested && dispatching) {
                selector.selectNow(onKey);
            } else if (wait >= 1_000_000L) {
                selector.select(onKey, wait / 1_000_000L);
            } else if (wait <= 0) {
                selector.selectNow(onKey);
            } else if (inFlight == 0) {
                // nothing in flight, so no completion time to catch: one precise sleep until the next send
                if (selector.selectNow(onKey) == 0) {
                    LockSupport.parkNanos(wait);
                }
            } else if (wait >= 150_000L) {
                // responses in flight: block on I/O (a completion wakes us at once, so its time stays exact); the
                // selector's millisecond timeout may start the next send up to ~1 ms late if no response arrives first,
                // which shows as schedule lag and in corrected latency, never hidden
                selector.select(onKey, 1);
            } else if (selector.selectNow(onKey) == 0) {
                // the next send is close: short sleeps keep both the send and any completion accurate to ~50 us
                if (wait > 20_000L) {
                    LockSupport.parkNanos(Math.min(wait, 50_000L));
                } else {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("load driver selector failed", e);
        }
    }

    // ---------------------------------------------------------------- tasks

    private void startTask(Connection c, long intended, long now, boolean capBlocked) {
        int t = pickTask();
        CompiledRequest[] task = cfg.tasks[t];
        if (!c.session.started && cfg.onStart.length > 0) {
            CompiledRequest[] steps = new CompiledRequest[cfg.onStart.length + task.length];
            System.arraycopy(cfg.onStart, 0, steps, 0, cfg.onStart.length);
            System.arraycopy(task, 0, steps, cfg.onStart.length, task.length);
            c.steps = steps;
            c.onStartSteps = cfg.onStart.length;
        } else {
            c.steps = task;
            c.onStartSteps = 0;
        }
        c.step = 0;
        c.intended = intended;
        long lag = now - intended;
        bucket.send(lag, !capBlocked && lag > LATE_NANOS);
        sendStep(c, now);
    }

    private int pickTask() {
        int[] cw = cfg.cumulativeWeights;
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

    private void sendStep(Connection c, long now) {
        CompiledRequest r = c.steps[c.step];
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
            connect(c, now);
        } else {
            c.state = Connection.BUSY;
            write(c, now);
        }
    }

    private void connect(Connection c, long now) {
        c.state = Connection.CONNECTING;
        c.requestsOnChannel = 0;
        try {
            SocketChannel ch = SocketChannel.open();
            c.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = ch.connect(cfg.address);
            c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                c.state = Connection.BUSY;
                write(c, now);
            }
        } catch (IOException e) {
            fail(c, classify(e), now);
        }
    }

    private void write(Connection c, long now) {
        c.out = ByteBuffer.wrap(c.pending);
        c.requestsOnChannel++;
        try {
            c.channel.write(c.out);
            if (c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            ioFailure(c, e, now);
        }
    }

    // ---------------------------------------------------------------- I/O events

    /** Handles one ready key; the selector calls it for each, without a selected-key set. */
    private void onKey(SelectionKey k) {
        Connection c = (Connection) k.attachment();
        if (!k.isValid() || c.key != k) {
            return;
        }
        if (eventNow == 0) {
            eventNow = System.nanoTime(); // one timestamp per select call, taken when its first event is handled
        }
        long now = eventNow;
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            onConnect(c, now);
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && c.state == Connection.BUSY) {
            onWritable(c, now);
        }
        if ((ready & SelectionKey.OP_READ) != 0 && c.key == k && k.isValid()) {
            onReadable(c, now);
        }
    }

    private void onConnect(Connection c, long now) {
        try {
            c.channel.finishConnect();
            c.key.interestOps(SelectionKey.OP_READ);
            c.state = Connection.BUSY;
            write(c, now);
        } catch (IOException e) {
            fail(c, classify(e), now);
        }
    }

    private void onWritable(Connection c, long now) {
        try {
            c.channel.write(c.out);
            if (!c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            ioFailure(c, e, now);
        }
    }

    private void onReadable(Connection c, long now) {
        int n;
        readBuffer.clear();
        try {
            n = c.channel.read(readBuffer);
        } catch (IOException e) {
            if (c.state == Connection.BUSY) {
                ioFailure(c, e, now);
            } else {
                closeChannel(c);
            }
            return;
        }
        if (c.state != Connection.BUSY) {
            if (n != 0) {
                closeChannel(c); // an idle connection closed by the server, or unsolicited bytes
            }
            return;
        }
        if (n < 0) {
            if (c.parser.onEof()) {
                complete(c, now, true);
            } else {
                ioFailure(c, new IOException("connection closed before a complete response"), now);
            }
            return;
        }
        try {
            if (c.parser.feed(readArray, 0, n)) {
                complete(c, now, c.parser.closeAfter());
            }
        } catch (ResponseParser.ProtocolException e) {
            fail(c, ErrorKind.PROTOCOL, now);
        }
    }

    /**
     * A reused keep-alive connection that fails before any response byte was probably closed by the server while
     * idle: resend once on a fresh connection, like browsers and HTTP clients do. Anything else is an error.
     */
    private void ioFailure(Connection c, IOException e, long now) {
        if (!c.retried && c.requestsOnChannel > 1 && !c.parser.started() && !(e instanceof ConnectException)) {
            c.retried = true;
            closeChannel(c);
            c.parser.reset(c.steps[c.step].needsBody, c.steps[c.step].head);
            connect(c, now);
            c.retried = true;
            return;
        }
        fail(c, classify(e), now);
    }

    private static ErrorKind classify(IOException e) {
        if (e instanceof ConnectException) {
            return ErrorKind.CONNECT_REFUSED;
        }
        if (e instanceof ClosedChannelException) {
            return ErrorKind.RESET;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (m.contains("reset") || m.contains("broken pipe") || m.contains("closed")) {
            return ErrorKind.RESET;
        }
        if (m.contains("refused")) {
            return ErrorKind.CONNECT_REFUSED;
        }
        return ErrorKind.IO_ERROR;
    }

    // ---------------------------------------------------------------- completion

    private void complete(Connection c, long now, boolean close) {
        CompiledRequest r = c.steps[c.step];
        ResponseParser p = c.parser;
        int status = p.status();
        ErrorKind kind = null;
        if (r.statusCheck != null ? !r.statusCheck.acceptsStatus(status) : status >= 400) {
            kind = status >= 500 ? ErrorKind.HTTP_5XX : status >= 400 ? ErrorKind.HTTP_4XX : ErrorKind.CHECK_FAILED;
        }
        c.session.applySetCookies(p.setCookies());
        if (kind == null) {
            for (Check check : r.bodyChecks) {
                if (check.testBody(p.body(), p.bodyLength()) != null) {
                    kind = ErrorKind.CHECK_FAILED;
                    break;
                }
            }
        }
        if (kind == null) {
            for (Capture capture : r.captures) {
                String value = capture.extract(p.body(), p.bodyLength());
                if (value == null) {
                    kind = ErrorKind.CHECK_FAILED;
                    break;
                }
                c.session.vars.put(capture.name(), value);
            }
        }
        if (close) {
            closeChannel(c);
        } else {
            c.state = Connection.IDLE;
        }
        finishStep(c, kind, now);
    }

    private void fail(Connection c, ErrorKind kind, long now) {
        closeChannel(c);
        finishStep(c, kind, now);
    }

    private void finishStep(Connection c, ErrorKind kind, long now) {
        record(kind, now - c.intended, now - c.sent);
        inFlight--;
        if (kind == null && c.step + 1 == c.onStartSteps) {
            c.session.started = true;
        }
        if (kind == null && c.step + 1 < c.steps.length && dispatchingOrDraining()) {
            c.step++;
            c.intended = now;
            sendStep(c, now);
            return;
        }
        taskDone(c, kind, now);
    }

    private boolean dispatchingOrDraining() {
        return dispatching || now() < drainDeadline;
    }

    private static long now() {
        return System.nanoTime();
    }

    private void taskDone(Connection c, ErrorKind kind, long now) {
        if (c.state == Connection.BUSY) {
            c.state = Connection.IDLE;
        }
        if (open) {
            idle.addLast(c);
            return;
        }
        if (!dispatching) {
            return;
        }
        long think = cfg.profile.thinkTime().nextNanos(random);
        if (think == 0 && kind == null && now < end && !stopRequested) {
            startTask(c, now, now, false);
        } else {
            c.nextSendAt = now + think;
            timers.add(c);
        }
    }

    private void scanTimeouts(long now) {
        for (int i = 0; i < all.size(); i++) {
            Connection c = all.get(i);
            if (c.inFlight() && now > c.deadline) {
                fail(c, ErrorKind.TIMEOUT, now);
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
                fail(c, ErrorKind.TIMEOUT, now);
            }
        }
    }

    private void closeChannel(Connection c) {
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
            c.channel = null;
            c.key = null;
        }
        c.state = Connection.CLOSED;
    }

    // ---------------------------------------------------------------- recording

    private void record(ErrorKind kind, long correctedNanos, long uncorrectedNanos) {
        bucket.complete(kind, correctedNanos, uncorrectedNanos);
        if (cfg.micrometer != null) {
            cfg.micrometer.completed(kind, correctedNanos, uncorrectedNanos);
        }
    }

    private void dropped() {
        bucket.dropped++;
        if (cfg.micrometer != null) {
            cfg.micrometer.dropped();
        }
    }

    private void rotate(long now) {
        long second = (now - start) / SECOND;
        while (second > bucket.second) {
            timeline.publish(index, bucket);
            bucket = new SecondBucket(bucket.second + 1);
        }
    }

    private void finish(long now) {
        bucket.lengthNanos = Math.max(1, Math.min(SECOND, now - (start + bucket.second * SECOND)));
        timeline.publish(index, bucket);
    }
}
