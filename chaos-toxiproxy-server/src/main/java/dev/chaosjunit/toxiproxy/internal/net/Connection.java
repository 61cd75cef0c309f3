package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.toxic.StreamDirection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection through a proxy and its connection to the upstream, both handled on one event loop.
 * If the upstream cannot be reached the client connection is closed (FIN), as Toxiproxy does.
 */
public final class Connection implements IoHandler {
    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final EventLoop loop;
    private final ConnectionOwner owner;
    private final SocketChannel client;
    private final SplittableRandom random;
    private SocketChannel upstream;
    private SelectionKey clientKey;
    private SelectionKey upstreamKey;
    private Flow toUpstream;
    private Flow toClient;
    private boolean connected;
    private boolean closed;

    Connection(EventLoop loop, ConnectionOwner owner, SocketChannel client, SplittableRandom random) {
        this.loop = loop;
        this.owner = owner;
        this.client = client;
        this.random = random;
    }

    public EventLoop loop() {
        return loop;
    }

    SplittableRandom random() {
        return random;
    }

    /** Called on the loop: registers the client, starts connecting upstream. */
    void start() {
        owner.opened(this);
        if (!owner.accepting()) {
            close();
            return;
        }
        try {
            InetSocketAddress address = owner.upstreamAddress();
            clientKey = client.register(loop.selector(), 0, this);
            upstream = SocketChannel.open();
            upstream.configureBlocking(false);
            upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve upstream host " + address.getHostString());
            }
            boolean done = upstream.connect(address);
            upstreamKey = upstream.register(loop.selector(), done ? 0 : SelectionKey.OP_CONNECT, this);
            if (done) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "upstream connect failed", e);
            close();
        }
    }

    private void onConnected() {
        connected = true;
        toUpstream = new Flow(this, client, clientKey, upstream, upstreamKey, StreamDirection.UPSTREAM);
        toClient = new Flow(this, upstream, upstreamKey, client, clientKey, StreamDirection.DOWNSTREAM);
        applyToxics();
        clientKey.interestOps(SelectionKey.OP_READ);
        upstreamKey.interestOps(SelectionKey.OP_READ);
    }

    /** Brings both directions' toxic chains up to date with the proxy's toxics; call on the loop. */
    public void applyToxics() {
        if (closed || !connected) {
            return;
        }
        var toxics = owner.toxics();
        toUpstream.applyToxics(toxics);
        toClient.applyToxics(toxics);
    }

    @Override
    public void onReady(SelectionKey key) {
        if (closed) {
            return;
        }
        int ready;
        try {
            ready = key.readyOps();
        } catch (RuntimeException e) {
            return;
        }
        if (key == upstreamKey && !connected) {
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                try {
                    upstream.finishConnect();
                    onConnected();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "upstream refused the connection", e);
                    close();
                }
            }
            return;
        }
        boolean isClient = key == clientKey;
        Flow readFlow = isClient ? toUpstream : toClient;
        Flow writeFlow = isClient ? toClient : toUpstream;
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            writeFlow.onWritable();
        }
        if (!closed && (ready & SelectionKey.OP_READ) != 0) {
            readFlow.onReadable();
        }
    }

    /** Both directions delivered their end of stream: the connection is done. */
    void flowFinished() {
        if (toUpstream.finished() && toClient.finished()) {
            close();
        }
    }

    /** Closes both sockets (FIN); idempotent; call on the loop. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (toUpstream != null) {
            toUpstream.dispose();
            toClient.dispose();
        }
        closeQuietly(client);
        closeQuietly(upstream);
        owner.closed(this);
    }

    /** Resets both sockets (RST, SO_LINGER 0); call on the loop. */
    void reset() {
        if (closed) {
            return;
        }
        setLingerZero(client);
        setLingerZero(upstream);
        close();
    }

    private static void setLingerZero(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "SO_LINGER", e);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close", e);
        }
    }
}
