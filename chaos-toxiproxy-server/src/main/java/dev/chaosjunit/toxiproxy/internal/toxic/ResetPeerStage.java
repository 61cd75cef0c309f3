package dev.chaosjunit.toxiproxy.internal.toxic;

/**
 * {@code reset_peer}: on the first data after the toxic takes effect, waits {@code timeout} ms (0 = at once) and
 * then resets the connection (TCP RST, SO_LINGER 0). Data in the meantime is dropped, as in Toxiproxy.
 */
final class ResetPeerStage extends ToxicStage {
    private final long timeoutNanos;
    private Cancellable resetTimer;
    private boolean triggered;

    ResetPeerStage(StageContext context, long timeoutMillis) {
        super(context);
        this.timeoutNanos = timeoutMillis * 1_000_000L;
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (!chunk.isData()) {
            releaseNow(chunk);
            return;
        }
        context.discard(chunk.length);
        if (triggered) {
            return;
        }
        triggered = true;
        if (timeoutNanos == 0) {
            reset();
        } else {
            resetTimer = context.schedule(context.nanoTime() + timeoutNanos, this::reset);
        }
    }

    private void reset() {
        resetTimer = null;
        releaseNow(Chunk.marker(Chunk.Kind.RESET, context.nanoTime()));
    }

    @Override
    protected void cancelOwnTimers() {
        if (resetTimer != null) {
            resetTimer.cancel();
            resetTimer = null;
        }
    }
}
