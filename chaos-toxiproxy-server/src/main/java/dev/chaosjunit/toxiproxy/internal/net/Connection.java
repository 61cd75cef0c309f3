package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.toxic.StreamDirection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import dev.chaosjunit.toxiproxy.internal.Log;
import java.lang.System.Logger.Level;
import java.util.SplittableRandom;

/**
 * One client connection through a proxy and its connection to the upstream, both handled on one event loop.
 * If the upstream cannot be reached the client connection is closed (FIN), as Toxiproxy does.
 */
public final class Connection implements IoHandler {
    private static final System.Logger LOG = Log.logger("net");

    private final EventLoop loop;
    private final ConnectionOwner owner;
    private final SocketChannel client;
    private final SplittableRandom random;
    private final ServerResources resources;
    private SocketChannel upstream;
    private SelectionKey clientKey;
    private SelectionKey upstreamKey;
    private Flow toUpstream;
    private Flow toClient;
    private boolean connected;
    private boolean closed;

    Connection(EventLoop loop, ConnectionOwner owner, SocketChannel client, SplittableRandom random,
            ServerResources resources) {
        this.loop = loop;
        this.resources = resources;
        this.owner = owner;
        this.client = client;
        this.random = random;
    }

    public EventLoop loop() {
        return loop;
    }

    MemoryBudget budget() {
        return resources.memory();
    }

    boolean closed() {
        return closed;
    }

    SplittableRandom random() {
        return random;
    }

    /** Called on the loop: registers the client, starts connecting upstream (after a lookup if needed). */
    void start() {
        owner.opened(this);
        if (!owner.accepting()) {
            close();
            return;
        }
        try {
            clientKey = client.register(loop.selector(), 0, this);
        } catch (IOException | RuntimeException e) {
            close();
            return;
        }
        InetSocketAddress address = owner.upstreamAddress();
        if (address != null) {
            connect(address);
        } else {
            owner.resolveUpstream(resolved -> loop.execute(() -> {
                if (closed) {
                    return;
                }
                if (resolved == null) {
                    close(); // as Toxiproxy: the client sees its connection closed
                } else {
                    connect(resolved);
                }
            }));
        }
    }

    private void connect(InetSocketAddress address) {
        try {
            upstream = SocketChannel.open();
            upstream.configureBlocking(false);
            upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean done = upstream.connect(address);
            upstreamKey = upstream.register(loop.selector(), done ? 0 : SelectionKey.OP_CONNECT, this);
            if (done) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            if (DescriptorReserve.isExhaustion(e)) {
                resources.descriptors().exhausted("connecting a proxied connection upstream");
            }
            LOG.log(Level.DEBUG, "upstream connect failed", e);
            close();
        }
    }

    private void onConnected() {
        connected = true;
        toUpstream = new Flow(this, client, clientKey, upstream, upstreamKey, StreamDirection.UPSTREAM,
                owner.traffic(StreamDirection.UPSTREAM));
        toClient = new Flow(this, upstream, upstreamKey, client, clientKey, StreamDirection.DOWNSTREAM,
                owner.traffic(StreamDirection.DOWNSTREAM));
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
        boolean close = toUpstream.applyToxics(toxics);
        close |= toClient.applyToxics(toxics);
        if (close) {
            close(); // a removed timeout toxic lets go of the connection it held, as Toxiproxy's does
        }
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
                    LOG.log(Level.DEBUG, "upstream refused the connection", e);
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
            LOG.log(Level.DEBUG, "SO_LINGER", e);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close", e);
        }
    }
}
