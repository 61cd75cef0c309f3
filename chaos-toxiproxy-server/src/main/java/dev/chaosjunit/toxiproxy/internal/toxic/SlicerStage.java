package dev.chaosjunit.toxiproxy.internal.toxic;

/**
 * {@code slicer}: cuts every chunk into slices of {@code average_size +- size_variation} bytes and sends them
 * {@code delay} microseconds apart.
 */
final class SlicerStage extends ToxicStage {
    private final int averageSize;
    private final int sizeVariation;
    private final long delayNanos;

    SlicerStage(StageContext context, long averageSize, long sizeVariation, long delayMicros) {
        super(context);
        this.averageSize = (int) averageSize;
        this.sizeVariation = (int) sizeVariation;
        this.delayNanos = delayMicros * 1_000L;
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (!chunk.isData()) {
            releaseNow(chunk);
            return;
        }
        long at = lastReleaseOrNow();
        int from = 0;
        boolean first = true;
        while (from < chunk.length) {
            int size = averageSize;
            if (sizeVariation > 0) {
                size += context.random().nextInt(2 * sizeVariation + 1) - sizeVariation;
            }
            size = Math.max(1, Math.min(size, chunk.length - from));
            if (!first) {
                at += delayNanos;
            }
            releaseAt(chunk.slice(from, size), at);
            from += size;
            first = false;
        }
    }
}
