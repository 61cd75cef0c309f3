package dev.chaosjunit.toxiproxy.internal.toxic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One toxic acting on one direction of one connection. Chunks are released in order, each at a time of the
 * subclass's choosing, by a single timer on the event loop; nothing blocks. Once a stage has sent a CLOSE or
 * RESET marker it drops everything after it.
 */
public abstract class ToxicStage implements ChunkSink {
    protected final StageContext context;
    private final ArrayDeque<Chunk> held = new ArrayDeque<>();
    private ChunkSink next;
    private Cancellable timer;
    private long timerDeadline;
    private long lastReleaseNanos = Long.MIN_VALUE;
    private boolean terminated;

    protected ToxicStage(StageContext context) {
        this.context = context;
    }

    public void next(ChunkSink next) {
        this.next = next;
    }

    @Override
    public final void accept(Chunk chunk) {
        if (terminated) {
            context.discard(chunk.length);
            return;
        }
        onChunk(chunk);
    }

    protected abstract void onChunk(Chunk chunk);

    /** Passes the chunk on no earlier than the given time and never before a chunk released earlier. */
    protected final void releaseAt(Chunk chunk, long releaseNanos) {
        if (lastReleaseNanos != Long.MIN_VALUE && releaseNanos - lastReleaseNanos < 0) {
            releaseNanos = lastReleaseNanos;
        }
        lastReleaseNanos = releaseNanos;
        if (chunk.kind == Chunk.Kind.CLOSE || chunk.kind == Chunk.Kind.RESET) {
            terminated = true;
        }
        if (held.isEmpty() && releaseNanos - context.nanoTime() <= 0) {
            next.accept(chunk);
            return;
        }
        chunk.releaseNanos = releaseNanos;
        held.add(chunk);
        armTimer();
    }

    /** Passes the chunk on now (after anything still held). */
    protected final void releaseNow(Chunk chunk) {
        releaseAt(chunk, context.nanoTime());
    }

    /** The time after which a chunk released now would go out (the last release time, or now). */
    protected final long lastReleaseOrNow() {
        long now = context.nanoTime();
        return lastReleaseNanos == Long.MIN_VALUE || now - lastReleaseNanos > 0 ? now : lastReleaseNanos;
    }

    private void armTimer() {
        Chunk head = held.peek();
        if (head == null) {
            return;
        }
        if (timer != null && timerDeadline == head.releaseNanos) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timerDeadline = head.releaseNanos;
        timer = context.schedule(head.releaseNanos, this::onTimer);
    }

    private void onTimer() {
        timer = null;
        long now = context.nanoTime();
        Chunk head;
        while ((head = held.peek()) != null && head.releaseNanos - now <= 0) {
            held.poll();
            next.accept(head);
        }
        armTimer();
    }

    /** Cancels the stage's timers and hands back what it still holds, oldest first (the toxic is going away). */
    public List<Chunk> drain() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        cancelOwnTimers();
        List<Chunk> chunks = new ArrayList<>(held);
        held.clear();
        return chunks;
    }

    /** Stages with timers of their own (timeout, reset_peer) cancel them here. */
    protected void cancelOwnTimers() {
    }

    /** Whether removing the toxic (not updating it) closes the connection: Toxiproxy's timeout does. */
    public boolean closesConnectionWhenRemoved() {
        return false;
    }

    /** State to carry over when the toxic is updated on a live connection (limit_data's byte count). */
    public long carriedState() {
        return 0;
    }

    public void restoreState(long state) {
    }
}
