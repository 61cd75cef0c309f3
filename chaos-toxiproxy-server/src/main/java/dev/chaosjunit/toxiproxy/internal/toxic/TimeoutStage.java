package dev.chaosjunit.toxiproxy.internal.toxic;

/**
 * {@code timeout}: no data gets through (it is dropped, as Toxiproxy drops it); after {@code timeout} ms from the
 * moment the toxic takes effect on the connection, the connection is closed. Timeout 0 holds it open until the
 * toxic is removed. Removing the toxic (not updating it) closes the connections it held, as Toxiproxy's does:
 * the bytes it dropped are gone, so going on would hand the peer a stream with a hole in it.
 */
final class TimeoutStage extends ToxicStage {
    private Cancellable closeTimer;

    TimeoutStage(StageContext context, long timeoutMillis) {
        super(context);
        if (timeoutMillis > 0) {
            closeTimer = context.schedule(context.nanoTime() + timeoutMillis * 1_000_000L, this::expire);
        }
    }

    private void expire() {
        closeTimer = null;
        releaseNow(Chunk.marker(Chunk.Kind.CLOSE, context.nanoTime()));
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (chunk.isData()) {
            context.discard(chunk.length);
        } else {
            releaseNow(chunk);
        }
    }

    @Override
    public boolean closesConnectionWhenRemoved() {
        return true;
    }

    @Override
    protected void cancelOwnTimers() {
        if (closeTimer != null) {
            closeTimer.cancel();
            closeTimer = null;
        }
    }
}
