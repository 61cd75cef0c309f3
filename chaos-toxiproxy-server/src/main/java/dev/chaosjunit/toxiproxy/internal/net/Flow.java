package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.metrics.Traffic;
import dev.chaosjunit.toxiproxy.internal.toxic.Cancellable;
import dev.chaosjunit.toxiproxy.internal.toxic.Chunk;
import dev.chaosjunit.toxiproxy.internal.toxic.ChunkSink;
import dev.chaosjunit.toxiproxy.internal.toxic.StageContext;
import dev.chaosjunit.toxiproxy.internal.toxic.StreamDirection;
import dev.chaosjunit.toxiproxy.internal.toxic.ToxicSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One direction of a connection: reads from {@code source}, writes to {@code sink}.
 *
 * <p>Without toxics (the fast path) bytes are read into the event loop's shared direct buffer and written straight
 * to the peer; a partial write copies the rest aside, stops reading and waits for OP_WRITE. With toxics, each read becomes a timestamped
 * {@link Chunk} that passes the chain of {@link ToxicStage}s and is queued for writing; reading pauses while more
 * than {@value #HIGH_WATER} bytes are held and resumes below {@value #LOW_WATER}.
 */
final class Flow implements ChunkSink, StageContext {
    static final long HIGH_WATER = 1024 * 1024;
    static final long LOW_WATER = 256 * 1024;

    private final Connection connection;
    private final SocketChannel source;
    private final SelectionKey sourceKey;
    private final SocketChannel sink;
    private final SelectionKey sinkKey;
    private final StreamDirection direction;
    /** Byte counters of the proxy metrics, null when they are off. */
    private final Traffic traffic;

    /** Bytes of the fast path the sink did not take yet (null when none). */
    private ByteBuffer pending;
    private final ArrayDeque<Chunk> output = new ArrayDeque<>();
    private long heldBytes;
    private boolean waitingForMemory;
    private boolean readPaused;
    private boolean sourceEnded;
    private boolean finished;

    /** The toxics of this direction; {@code head} is where read data goes (this flow itself when there are none). */
    private final ToxicChain chain;
    private ChunkSink head = this;

    Flow(Connection connection, SocketChannel source, SelectionKey sourceKey, SocketChannel sink, SelectionKey sinkKey,
            StreamDirection direction, Traffic traffic) {
        this.connection = connection;
        this.traffic = traffic;
        this.source = source;
        this.sourceKey = sourceKey;
        this.sink = sink;
        this.sinkKey = sinkKey;
        this.direction = direction;
        this.chain = new ToxicChain(direction, this, this);
    }

    boolean finished() {
        return finished;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    void onReadable() {
        // Up to 16 reads per readiness event while reads fill the whole buffer (bulk transfer); one for small messages.
        for (int round = 0; round < 16 && !sourceEnded && !readPaused; round++) {
            if (connection.budget().exhausted()) {
                waitForMemory();
                return;
            }
            ByteBuffer buffer = connection.loop().ioBuffer();
            buffer.clear();
            int n;
            try {
                n = source.read(buffer);
            } catch (IOException e) {
                connection.close();
                return;
            }
            if (n < 0) {
                onSourceEnded();
                return;
            }
            if (n == 0) {
                return;
            }
            if (traffic != null) {
                traffic.received(n);
            }
            buffer.flip();
            if (head == this && output.isEmpty()) {
                if (!writeFast(buffer)) {
                    return;
                }
            } else {
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                hold(n);
                if (heldBytes > HIGH_WATER) {
                    pauseRead();
                }
                head.accept(Chunk.data(bytes, 0, n, System.nanoTime()));
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    /** Writes straight from the loop's buffer; parks what the socket did not take. Returns false if it could not all go. */
    private boolean writeFast(ByteBuffer buffer) {
        try {
            int written = sink.write(buffer);
            if (traffic != null) {
                traffic.sent(written);
            }
        } catch (IOException e) {
            connection.close();
            return false;
        }
        if (buffer.hasRemaining()) {
            pending = ByteBuffer.allocate(buffer.remaining());
            pending.put(buffer).flip();
            connection.budget().add(pending.capacity());
            pauseRead();
            enableWrite();
            return false;
        }
        return true;
    }

    private void onSourceEnded() {
        sourceEnded = true;
        pauseRead();
        head.accept(Chunk.marker(Chunk.Kind.EOF, System.nanoTime()));
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /** The end of the chain: queue for the socket. */
    @Override
    public void accept(Chunk chunk) {
        output.add(chunk);
        if (output.size() == 1 && pending == null) {
            drain();
        }
    }

    void onWritable() {
        drain();
    }

    private void drain() {
        try {
            if (pending != null) {
                int written = sink.write(pending);
                if (traffic != null) {
                    traffic.sent(written);
                }
                if (pending.hasRemaining()) {
                    enableWrite();
                    return;
                }
                connection.budget().add(-pending.capacity());
                pending = null;
            }
            Chunk chunk;
            while ((chunk = output.peek()) != null) {
                switch (chunk.kind) {
                    case DATA:
                        ByteBuffer bytes = chunk.buffer();
                        int written = sink.write(bytes);
                        if (traffic != null) {
                            traffic.sent(written);
                        }
                        if (bytes.hasRemaining()) {
                            enableWrite();
                            return;
                        }
                        output.poll();
                        hold(-chunk.length);
                        break;
                    case EOF:
                        output.poll();
                        disableWrite();
                        endOutput();
                        return;
                    case CLOSE:
                        connection.close();
                        return;
                    case RESET:
                        connection.reset();
                        return;
                    default:
                        throw new IllegalStateException(chunk.kind.toString());
                }
            }
        } catch (IOException e) {
            connection.close();
            return;
        }
        disableWrite();
        maybeResumeRead();
    }

    private void endOutput() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            sink.shutdownOutput();
        } catch (IOException e) {
            connection.close();
            return;
        }
        connection.flowFinished();
    }

    @Override
    public void discard(int bytes) {
        hold(-bytes);
        maybeResumeRead();
    }

    private void hold(long delta) {
        heldBytes += delta;
        connection.budget().add(delta);
    }

    /** The server holds too much: stop reading, and look again every 20 ms until there is room. */
    private void waitForMemory() {
        pauseRead();
        if (waitingForMemory) {
            return;
        }
        waitingForMemory = true;
        connection.loop().schedule(System.nanoTime() + 20_000_000L, this::retryAfterMemoryWait);
    }

    private void retryAfterMemoryWait() {
        waitingForMemory = false;
        if (connection.closed()) {
            return;
        }
        if (connection.budget().exhausted()) {
            waitForMemory();
        } else {
            maybeResumeRead();
        }
    }

    private void maybeResumeRead() {
        if (readPaused && !sourceEnded && pending == null && heldBytes < LOW_WATER) {
            readPaused = false;
            setInterest(sourceKey, SelectionKey.OP_READ, true);
        }
    }

    private void pauseRead() {
        if (!readPaused) {
            readPaused = true;
            setInterest(sourceKey, SelectionKey.OP_READ, false);
        }
    }

    private void enableWrite() {
        setInterest(sinkKey, SelectionKey.OP_WRITE, true);
    }

    private void disableWrite() {
        setInterest(sinkKey, SelectionKey.OP_WRITE, false);
    }

    private static void setInterest(SelectionKey key, int op, boolean on) {
        if (!key.isValid()) {
            return;
        }
        int ops = key.interestOps();
        int wanted = on ? ops | op : ops & ~op;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
    }

    // ---- toxics -------------------------------------------------------------------------------------------------

    /**
     * Brings the chain in line with the proxy's toxics for this direction (see {@link ToxicChain#apply}).
     *
     * @return true when a removed toxic asks for the connection to be closed (a {@code timeout} that held it)
     */
    boolean applyToxics(List<ToxicSpec> all) {
        boolean close = chain.apply(all);
        head = chain.head();
        return close;
    }

    /** The connection is closing: stop every timer. */
    void dispose() {
        chain.dispose();
        head = this;
        output.clear();
        connection.budget().add(-heldBytes - (pending == null ? 0 : pending.capacity()));
        heldBytes = 0;
        pending = null;
    }

    // ---- StageContext -------------------------------------------------------------------------------------------

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long deadlineNanos, Runnable task) {
        Timer timer = connection.loop().schedule(deadlineNanos, task);
        return timer::cancel;
    }

    @Override
    public SplittableRandom random() {
        return connection.random();
    }
}
