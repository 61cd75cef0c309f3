package dev.chaosjunit.toxiproxy.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import dev.chaosjunit.toxiproxy.internal.Log;
import java.lang.System.Logger.Level;

/**
 * A proxy's listening socket; accepted connections are spread over the event loops. When {@code accept} fails
 * (for lack of file descriptors above all) it stops accepting for the {@link DescriptorReserve}'s back-off instead
 * of spinning on the error; pending clients wait in the kernel's backlog meanwhile.
 */
public final class Listener implements IoHandler, AutoCloseable {
    private static final System.Logger LOG = Log.logger("net");

    private final ServerSocketChannel channel;
    private final EventLoop acceptLoop;
    private final EventLoopGroup loops;
    private final ConnectionOwner owner;
    private final Supplier<SplittableRandom> randomForConnection;
    private final InetSocketAddress boundAddress;
    private final ServerResources resources;
    private final DescriptorReserve reserve;
    private SelectionKey key;
    private boolean paused;
    private boolean closed;

    private Listener(ServerSocketChannel channel, EventLoopGroup loops, ConnectionOwner owner,
            Supplier<SplittableRandom> randomForConnection, ServerResources resources) throws IOException {
        this.channel = channel;
        this.resources = resources;
        this.reserve = resources.descriptors();
        this.loops = loops;
        this.acceptLoop = loops.next();
        this.owner = owner;
        this.randomForConnection = randomForConnection;
        this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Binds now (so a port in use is reported to the caller) and starts accepting.
     *
     * @param randomForConnection gives each accepted connection its random source, in accept order
     */
    public static Listener bind(InetSocketAddress address, EventLoopGroup loops, ConnectionOwner owner,
            Supplier<SplittableRandom> randomForConnection, ServerResources resources) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 1024);
            channel.configureBlocking(false);
            Listener listener = new Listener(channel, loops, owner, randomForConnection, resources);
            listener.acceptLoop.executeAndWait(listener::register);
            return listener;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void register() {
        try {
            key = channel.register(acceptLoop.selector(), SelectionKey.OP_ACCEPT, this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot register listener " + boundAddress, e);
        }
    }

    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    @Override
    public void onReady(SelectionKey readyKey) {
        for (int i = 0; i < 256; i++) {
            if (!reserve.proxiesMayAccept()) {
                pause();
                return;
            }
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                if (DescriptorReserve.isExhaustion(e)) {
                    reserve.exhausted("accept on " + boundAddress);
                }
                LOG.log(Level.DEBUG, () -> "accept failed on " + boundAddress + ": " + e);
                pause();
                return;
            }
            if (client == null) {
                return;
            }
            reserve.succeeded();
            try {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            EventLoop loop = loops.next();
            Connection connection = new Connection(loop, owner, client, randomForConnection.get(), resources);
            if (loop == acceptLoop) {
                connection.start();
            } else {
                loop.execute(connection::start);
            }
        }
    }

    /** Stops accepting until the back-off has passed (and the descriptor reserve is whole again). */
    private void pause() {
        if (paused || closed || !key.isValid()) {
            return;
        }
        paused = true;
        key.interestOps(0);
        acceptLoop.schedule(System.nanoTime() + reserve.retryDelayNanos(), () -> {
            paused = false;
            if (!closed && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    /** Stops accepting and releases the port (waits for the loop). Live connections are not touched. */
    @Override
    public void close() {
        acceptLoop.executeAndWait(() -> {
            closed = true;
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
        });
        // The selector releases a cancelled channel's socket on its next select; make sure that has happened.
        acceptLoop.executeAndWait(() -> { });
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close", e);
        }
    }
}
