package dev.chaosjunit.toxiproxy.internal.toxic;

/** The next step for chunks: another toxic stage or the socket writer. */
public interface ChunkSink {
    void accept(Chunk chunk);
}
