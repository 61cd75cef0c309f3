package dev.chaosjunit.load.internal;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One keep-alive HTTP/1.1 connection and the task it is running. Loop-confined. */
final class Connection {

    static final int CLOSED = 0, CONNECTING = 1, IDLE = 2, BUSY = 3;

    final Session session = new Session();
    final ResponseParser parser = new ResponseParser();
    SocketChannel channel;
    SelectionKey key;
    int state = CLOSED;
    int requestsOnChannel;

    // the running task
    CompiledRequest[] steps;
    int onStartSteps;
    int step;
    long intended;
    /** How late the driver itself sent the current step (see {@link Saturation}). */
    long driverLag;
    /** When this connection last became free for a new task. */
    long freeSince = Long.MIN_VALUE;
    long sent;
    long deadline;
    ByteBuffer out;
    byte[] pending;
    boolean retried;

    // closed model
    long nextSendAt;

    boolean inFlight() {
        return state == BUSY || state == CONNECTING;
    }
}
