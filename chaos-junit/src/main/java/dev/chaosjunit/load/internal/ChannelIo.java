package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The non-blocking socket side of one event loop: connecting, writing a request, reading and parsing the response,
 * and waiting on the selector precisely enough to keep the send schedule. Tells the loop through {@link Events}
 * when a response is complete or a request failed. Loop-confined.
 */
final class ChannelIo {

    /** What the loop does when a request ends. */
    interface Events {
        /** The response on {@code c} is complete; {@code close}: the connection cannot be reused. */
        void responded(Connection c, long now, boolean close);

        /** The request on {@code c} failed as {@code kind}; its connection is closed. */
        void failed(Connection c, ErrorKind kind, long now);
    }

    private final Selector selector;
    private final InetSocketAddress address;
    private final Events events;
    private final byte[] readArray = new byte[64 * 1024];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readArray);
    private final Consumer<SelectionKey> onKey = this::onKey;
    private long eventNow;

    ChannelIo(Selector selector, InetSocketAddress address, Events events) {
        this.selector = selector;
        this.address = address;
        this.events = events;
    }

    /** Sends {@code c.pending} on a fresh connection. */
    void connect(Connection c, long now) {
        c.state = Connection.CONNECTING;
        c.requestsOnChannel = 0;
        try {
            SocketChannel ch = SocketChannel.open();
            c.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = ch.connect(address);
            c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                c.state = Connection.BUSY;
                write(c, now);
            }
        } catch (IOException e) {
            events.failed(c, classify(e), now);
        }
    }

    /** Sends {@code c.pending} on its open connection. */
    void write(Connection c, long now) {
        c.out = ByteBuffer.wrap(c.pending);
        c.requestsOnChannel++;
        try {
            c.channel.write(c.out);
            if (c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            ioFailure(c, e, now);
        }
    }

    /** Closes {@code c}'s socket, if open. */
    void close(Connection c) {
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
            c.channel = null;
            c.key = null;
        }
        c.state = Connection.CLOSED;
    }

    /** Closes the selector (every socket must be closed first). */
    void closeSelector() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Interrupts a wait from another thread. */
    void wakeup() {
        selector.wakeup();
    }

    /**
     * Handles I/O events for at most {@code wait} nanoseconds ({@code 0} or less: only what is ready now). With
     * nothing in flight it sleeps exactly until the next send; with responses in flight it blocks on the selector,
     * so a completion wakes it at once and is timed exactly, but Java's millisecond selector timeout may start the
     * next send up to ~1 ms late if no response arrives first; that delay shows as schedule lag and in corrected
     * latency, never hidden. When the next send is under 150 us away it polls every ~50 us instead.
     */
    void await(long wait, boolean inFlight) {
        eventNow = 0;
        try {
            if (wait >= 1_000_000L) {
                selector.select(onKey, wait / 1_000_000L);
            } else if (wait <= 0) {
                selector.selectNow(onKey);
            } else if (!inFlight) {
                if (selector.selectNow(onKey) == 0) {
                    LockSupport.parkNanos(wait);
                }
            } else if (wait >= 150_000L) {
                selector.select(onKey, 1);
            } else if (selector.selectNow(onKey) == 0) {
                if (wait > 20_000L) {
                    LockSupport.parkNanos(Math.min(wait, 50_000L));
                } else {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("load driver selector failed", e);
        }
    }

    /** Handles one ready key; the selector calls it for each, without a selected-key set. */
    private void onKey(SelectionKey k) {
        Connection c = (Connection) k.attachment();
        if (!k.isValid() || c.key != k) {
            return;
        }
        if (eventNow == 0) {
            eventNow = System.nanoTime(); // one timestamp per select call, taken when its first event is handled
        }
        long now = eventNow;
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            onConnect(c, now);
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && c.state == Connection.BUSY) {
            onWritable(c, now);
        }
        if ((ready & SelectionKey.OP_READ) != 0 && c.key == k && k.isValid()) {
            onReadable(c, now);
        }
    }

    private void onConnect(Connection c, long now) {
        try {
            c.channel.finishConnect();
            c.key.interestOps(SelectionKey.OP_READ);
            c.state = Connection.BUSY;
            write(c, now);
        } catch (IOException e) {
            events.failed(c, classify(e), now);
        }
    }

    private void onWritable(Connection c, long now) {
        try {
            c.channel.write(c.out);
            if (!c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            ioFailure(c, e, now);
        }
    }

    private void onReadable(Connection c, long now) {
        int n;
        readBuffer.clear();
        try {
            n = c.channel.read(readBuffer);
        } catch (IOException e) {
            if (c.state == Connection.BUSY) {
                ioFailure(c, e, now);
            } else {
                close(c);
            }
            return;
        }
        if (c.state != Connection.BUSY) {
            if (n != 0) {
                close(c); // an idle connection closed by the server, or unsolicited bytes
            }
            return;
        }
        if (n < 0) {
            if (c.parser.onEof()) {
                events.responded(c, now, true);
            } else {
                ioFailure(c, new IOException("connection closed before a complete response"), now);
            }
            return;
        }
        try {
            if (c.parser.feed(readArray, 0, n)) {
                events.responded(c, now, c.parser.closeAfter());
            }
        } catch (ResponseParser.ProtocolException e) {
            events.failed(c, e.kind(), now);
        }
    }

    /**
     * A reused keep-alive connection that fails before any response byte was probably closed by the server while
     * idle: resend once on a fresh connection, like browsers and HTTP clients do. Anything else is an error.
     */
    private void ioFailure(Connection c, IOException e, long now) {
        if (!c.retried && c.requestsOnChannel > 1 && !c.parser.started() && !(e instanceof ConnectException)) {
            c.retried = true;
            close(c);
            c.parser.reset(c.steps[c.step].needsBody, c.steps[c.step].head);
            connect(c, now);
            c.retried = true;
            return;
        }
        events.failed(c, classify(e), now);
    }

    private static ErrorKind classify(IOException e) {
        if (e instanceof ConnectException) {
            return ErrorKind.CONNECT_REFUSED;
        }
        if (e instanceof ClosedChannelException) {
            return ErrorKind.RESET;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("reset") || m.contains("broken pipe") || m.contains("closed")) {
            return ErrorKind.RESET;
        }
        if (m.contains("refused")) {
            return ErrorKind.CONNECT_REFUSED;
        }
        return ErrorKind.IO_ERROR;
    }
}
