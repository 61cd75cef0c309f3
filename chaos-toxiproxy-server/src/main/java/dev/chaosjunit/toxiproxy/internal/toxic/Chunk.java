package dev.chaosjunit.toxiproxy.internal.toxic;

import java.nio.ByteBuffer;

/**
 * A piece of one direction of a connection on its way through the toxics: data read at a timestamp, or a marker
 * (end of stream, close the connection, reset the connection) that stays in order behind the data before it.
 */
public final class Chunk {
    /** What a chunk is. */
    public enum Kind { DATA, EOF, CLOSE, RESET }

    public final Kind kind;
    public final byte[] data;
    public final int offset;
    public final int length;
    /** {@link System#nanoTime()} when the bytes were read from the socket. */
    public final long timestampNanos;
    /** When a stage will pass the chunk on; owned by the stage that holds it. */
    long releaseNanos;
    private ByteBuffer buffer;

    private Chunk(Kind kind, byte[] data, int offset, int length, long timestampNanos) {
        this.kind = kind;
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.timestampNanos = timestampNanos;
    }

    public static Chunk data(byte[] data, int offset, int length, long timestampNanos) {
        return new Chunk(Kind.DATA, data, offset, length, timestampNanos);
    }

    public static Chunk marker(Kind kind, long timestampNanos) {
        return new Chunk(kind, null, 0, 0, timestampNanos);
    }

    public boolean isData() {
        return kind == Kind.DATA;
    }

    /** A chunk of the bytes {@code [from, from + len)} of this one, same timestamp. */
    public Chunk slice(int from, int len) {
        return new Chunk(Kind.DATA, data, offset + from, len, timestampNanos);
    }

    /** The bytes as a buffer for writing; the same buffer (and its position) on every call. */
    public ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.wrap(data, offset, length);
        }
        return buffer;
    }
}
