package dev.chaosjunit.toxiproxy.internal.toxic;

/**
 * {@code limit_data}: passes exactly {@code bytes} bytes in this direction, then closes the connection. The count
 * survives updates of the toxic (as Toxiproxy keeps its per-connection state), not its removal.
 */
final class LimitDataStage extends ToxicStage {
    private final long limit;
    private long transmitted;

    LimitDataStage(StageContext context, long limit) {
        super(context);
        this.limit = limit;
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (!chunk.isData()) {
            releaseNow(chunk);
            return;
        }
        long remaining = Math.max(0, limit - transmitted);
        int pass = (int) Math.min(remaining, chunk.length);
        if (pass > 0) {
            releaseNow(pass == chunk.length ? chunk : chunk.slice(0, pass));
            transmitted += pass;
        }
        if (pass < chunk.length) {
            context.discard(chunk.length - pass);
        }
        if (transmitted >= limit) {
            releaseNow(Chunk.marker(Chunk.Kind.CLOSE, chunk.timestampNanos));
        }
    }

    @Override
    public long carriedState() {
        return transmitted;
    }

    @Override
    public void restoreState(long state) {
        transmitted = state;
    }
}
