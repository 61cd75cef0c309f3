package dev.chaosjunit.toxiproxy.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.chaosjunit.toxiproxy.internal.Log;
import java.lang.System.Logger.Level;

/**
 * One selector thread: socket readiness, tasks handed over from other threads, and a timer queue with
 * sub-millisecond precision (the last millisecond before a deadline is waited for with {@code selectNow}).
 */
public final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = Log.logger("net");
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Extra time before a timer's deadline when the loop polls instead of sleeping (the last millisecond always is). */
    private static final long SPIN_NANOS = Long.getLong("chaos.toxiproxy.spinNanos", 0L);
    /** How long the loop polls after traffic before it sleeps in the selector (0 = never). */
    private static final long BUSY_POLL_NANOS = Long.getLong("chaos.toxiproxy.busyPollNanos", 0L);
    private boolean active;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final java.util.function.Consumer<SelectionKey> keyHandler = this::onKey;
    private long timerSequence;
    private volatile boolean running = true;
    /** One read buffer shared by every connection on this loop (only ever used between a read and its write). */
    private final java.nio.ByteBuffer ioBuffer = java.nio.ByteBuffer.allocateDirect(IO_BUFFER_SIZE);
    static final int IO_BUFFER_SIZE = 64 * 1024;

    public EventLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs the task on the loop thread (soon, in order of submission). */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Runs the task on the loop thread and waits for it (at most 10 s) from any other thread. */
    public void executeAndWait(Runnable task) {
        if (inLoop() || !running) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("event loop task failed: " + cause, cause);
        }
    }

    /** Schedules a task at a {@link System#nanoTime()} deadline; call on the loop thread. */
    public Timer schedule(long deadlineNanos, Runnable task) {
        Timer timer = new Timer(deadlineNanos, timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    java.nio.ByteBuffer ioBuffer() {
        return ioBuffer;
    }

    public Selector selector() {
        return selector;
    }

    private void run() {
        while (running) {
            try {
                select();
                wakeupPending.set(false);
                runTasks();
                runDueTimers();
            } catch (ClosedSelectorException e) {
                break;
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "unexpected error on " + thread.getName() + " (loop keeps running)", t);
            }
        }
        runTasks();
    }

    /** Waits for readiness, tasks or the next timer, handling ready keys as they are found (no selected-key set). */
    private void select() throws IOException {
        if (!tasks.isEmpty()) {
            active = selector.selectNow(keyHandler) > 0;
            return;
        }
        if (active && BUSY_POLL_NANOS > 0 && busyPoll()) {
            return;
        }
        Timer next = peekTimer();
        if (next == null) {
            active = selector.select(keyHandler) > 0;
            return;
        }
        long remaining = next.deadlineNanos - System.nanoTime();
        long millis = (remaining - SPIN_NANOS) / NANOS_PER_MILLI;
        if (millis <= 0) {
            if (remaining > 0) {
                Thread.onSpinWait();
            }
            active = selector.selectNow(keyHandler) > 0;
        } else {
            active = selector.select(keyHandler, millis) > 0;
        }
    }

    /**
     * Right after traffic, polls for a short while before sleeping in the selector: in a request/response exchange
     * the answer usually comes within microseconds, and catching it without a sleep and wake-up saves latency.
     * Returns true when something happened (keys, tasks or a due timer).
     */
    private boolean busyPoll() throws IOException {
        long start = System.nanoTime();
        do {
            if (selector.selectNow(keyHandler) > 0) {
                return true;
            }
            if (!tasks.isEmpty()) {
                return true;
            }
            Timer next = peekTimer();
            if (next != null && next.deadlineNanos - System.nanoTime() <= 0) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < BUSY_POLL_NANOS);
        active = false;
        return false;
    }

    private void onKey(SelectionKey key) {
        if (key.isValid()) {
            ((IoHandler) key.attachment()).onReady(key);
        }
    }

    private Timer peekTimer() {
        Timer next = timers.peek();
        while (next != null && next.cancelled) {
            timers.poll();
            next = timers.peek();
        }
        return next;
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "task failed on " + thread.getName(), e);
            }
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        Timer next;
        while ((next = peekTimer()) != null && next.deadlineNanos - now <= 0) {
            timers.poll();
            next.task.run();
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing selector", e);
        }
    }
}
