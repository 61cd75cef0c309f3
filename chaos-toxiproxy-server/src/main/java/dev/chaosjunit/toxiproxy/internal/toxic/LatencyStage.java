package dev.chaosjunit.toxiproxy.internal.toxic;

/** {@code latency}: every chunk goes out {@code latency +- jitter} ms after it was read, in order. */
final class LatencyStage extends ToxicStage {
    private final long latencyNanos;
    private final long jitterMillis;

    LatencyStage(StageContext context, long latencyMillis, long jitterMillis) {
        super(context);
        this.latencyNanos = latencyMillis * 1_000_000L;
        this.jitterMillis = jitterMillis;
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (!chunk.isData()) {
            releaseNow(chunk);
            return;
        }
        long delay = latencyNanos;
        if (jitterMillis > 0) {
            delay += (context.random().nextLong(2 * jitterMillis + 1) - jitterMillis) * 1_000_000L;
        }
        releaseAt(chunk, chunk.timestampNanos + Math.max(0, delay));
    }
}
