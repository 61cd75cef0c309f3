package dev.chaosjunit.toxiproxy.internal.toxic;

/**
 * {@code bandwidth}: passes at most {@code rate} KB/s (1 KB = 1000 bytes, as Toxiproxy counts). Chunks larger than
 * 100 ms worth of data are split, so the flow is smooth at low rates. Rate 0 lets data through unlimited.
 */
final class BandwidthStage extends ToxicStage {
    private final long rateKbPerSecond;

    BandwidthStage(StageContext context, long rateKbPerSecond) {
        super(context);
        this.rateKbPerSecond = rateKbPerSecond;
    }

    @Override
    protected void onChunk(Chunk chunk) {
        if (!chunk.isData() || rateKbPerSecond <= 0) {
            releaseNow(chunk);
            return;
        }
        long piece = Math.max(1, Math.min(Integer.MAX_VALUE, rateKbPerSecond * 100));
        long at = lastReleaseOrNow();
        for (int from = 0; from < chunk.length; from += (int) piece) {
            int len = (int) Math.min(piece, chunk.length - from);
            // bytes / (rate * 1000 bytes/s) seconds = bytes * 1e6 / rate ns
            at += len * 1_000_000L / rateKbPerSecond;
            releaseAt(from == 0 && len == chunk.length ? chunk : chunk.slice(from, len), at);
        }
    }
}
