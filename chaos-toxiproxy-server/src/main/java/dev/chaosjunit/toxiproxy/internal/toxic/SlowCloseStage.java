package dev.chaosjunit.toxiproxy.internal.toxic;

/** {@code slow_close}: data passes untouched; the end of the stream (the close) is held back {@code delay} ms. */
final class SlowCloseStage extends ToxicStage {
    private final long delayNanos;

    SlowCloseStage(StageContext context, long delayMillis) {
        super(context);
        this.delayNanos = delayMillis * 1_000_000L;
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (chunk.kind == Chunk.Kind.EOF || chunk.kind == Chunk.Kind.CLOSE) {
            releaseAt(chunk, context.nanoTime() + delayNanos);
        } else {
            releaseNow(chunk);
        }
    }
}
