package dev.chaosjunit.toxiproxy.internal.http;

import dev.chaosjunit.toxiproxy.internal.net.EventLoop;
import dev.chaosjunit.toxiproxy.internal.net.IoHandler;
import dev.chaosjunit.toxiproxy.internal.net.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One API client connection on the API's event loop. Bytes are parsed as they arrive; only a complete request
 * goes to a worker, so a client that stalls half-way holds nothing but its own socket, and a timer closes it: a
 * request must arrive in full within the request timeout of its first byte, an idle keep-alive connection is
 * closed after the idle timeout, and a response the client does not read within the request timeout is dropped.
 */
final class ApiConnection implements IoHandler {
    private enum State { READING, PROCESSING, WRITING, DRAINING, CLOSED }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ApiServer server;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final RequestParser parser;
    private final ByteBuffer in = ByteBuffer.allocate(4096);
    private ByteBuffer out;
    private SelectionKey key;
    private State state = State.READING;
    private boolean closeAfterWrite;
    private boolean timingRequest;
    private Timer timer;
    private long waitingSinceNanos = System.nanoTime();

    ApiConnection(ApiServer server, EventLoop loop, SocketChannel channel, InetSocketAddress remote) {
        this.server = server;
        this.loop = loop;
        this.channel = channel;
        this.remote = remote;
        this.parser = new RequestParser(remote);
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** Since when it waits for a request (accepted, or its last response sent); a busy one is never evicted. */
    long waitingSinceNanos() {
        return waitingSinceNanos;
    }

    boolean evictable() {
        return state == State.READING;
    }

    void start() throws IOException {
        key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        arm(server.idleTimeoutNanos(), false);
    }

    @Override
    public void onReady(SelectionKey readyKey) {
        if (state == State.CLOSED) {
            return;
        }
        int ready;
        try {
            ready = readyKey.readyOps();
        } catch (RuntimeException e) {
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if (state == State.READING && (ready & SelectionKey.OP_READ) != 0) {
            read();
        } else if (state == State.DRAINING && (ready & SelectionKey.OP_READ) != 0) {
            discard();
        }
    }

    private void read() {
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            close();
            return;
        }
        if (n < 0) {
            close();
            return;
        }
        process();
    }

    /** Parses what is buffered (write mode on entry and exit). */
    private void process() {
        in.flip();
        HttpRequest request;
        try {
            request = parser.feed(in);
        } catch (HttpError e) {
            in.clear();
            respond(ApiServer.errorResponse(e.status(), e.getMessage()), false);
            return;
        }
        in.compact();
        if (parser.started() && !timingRequest) {
            arm(server.requestTimeoutNanos(), true);
        }
        if (parser.takeExpectContinue()) {
            writeInterim();
        }
        if (request != null) {
            state = State.PROCESSING;
            cancelTimer();
            setInterest(0);
            server.dispatch(this, request);
        }
    }

    private void writeInterim() {
        try {
            channel.write(ByteBuffer.wrap(CONTINUE)); // 25 bytes into an empty socket buffer: one write takes them
        } catch (IOException e) {
            close();
        }
    }

    /** Called on the loop with a worker's answer (or an error of our own). */
    void respond(HttpResponse response, boolean keepAlive) {
        if (state == State.CLOSED) {
            return;
        }
        closeAfterWrite = !keepAlive;
        out = ByteBuffer.wrap(serialize(response, keepAlive, server.serverHeader()));
        state = State.WRITING;
        arm(server.requestTimeoutNanos(), false);
        flush();
    }

    private void flush() {
        if (state != State.WRITING) {
            return;
        }
        try {
            channel.write(out);
        } catch (IOException e) {
            close();
            return;
        }
        if (out.hasRemaining()) {
            setInterest(SelectionKey.OP_WRITE);
            return;
        }
        out = null;
        if (closeAfterWrite) {
            drainThenClose();
            return;
        }
        state = State.READING;
        waitingSinceNanos = System.nanoTime();
        timingRequest = false;
        arm(server.idleTimeoutNanos(), false);
        setInterest(SelectionKey.OP_READ);
        if (in.position() > 0) {
            process(); // a pipelined request already arrived
        }
    }

    /**
     * After a final answer: sends FIN and reads (and drops) what the client still sends for up to a second before
     * closing, so the client reads the answer instead of a reset caused by its own unread bytes.
     */
    private void drainThenClose() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        state = State.DRAINING;
        cancelTimer();
        timer = loop.schedule(System.nanoTime() + 1_000_000_000L, this::close);
        setInterest(SelectionKey.OP_READ);
        discard();
    }

    private void discard() {
        try {
            int n;
            int reads = 0;
            do {
                in.clear();
                n = channel.read(in);
            } while (n > 0 && ++reads < 16);
            if (n < 0) {
                close();
            }
        } catch (IOException e) {
            close();
        }
    }

    private void arm(long nanos, boolean request) {
        cancelTimer();
        timingRequest = request;
        timer = loop.schedule(System.nanoTime() + nanos, this::onTimeout);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void onTimeout() {
        timer = null;
        if (state == State.READING && parser.started()) {
            respond(ApiServer.errorResponse(408, "request timeout: the request did not arrive in full within "
                    + server.requestTimeoutNanos() / 1_000_000 + " ms"), false);
        } else {
            close();
        }
    }

    private void setInterest(int ops) {
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelTimer();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        server.closed(this);
    }

    static byte[] serialize(HttpResponse response, boolean keepAlive, String serverHeader) {
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(HttpResponse.reason(response.status())).append("\r\n");
        if (response.status() != 204) {
            if (response.contentType() != null) {
                head.append("Content-Type: ").append(response.contentType()).append("\r\n");
                if (response.contentType().startsWith("text/plain")) {
                    head.append("X-Content-Type-Options: nosniff\r\n");
                }
            }
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        head.append("Server: ").append(serverHeader).append("\r\n");
        head.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = response.status() == 204 ? new byte[0] : response.body();
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
