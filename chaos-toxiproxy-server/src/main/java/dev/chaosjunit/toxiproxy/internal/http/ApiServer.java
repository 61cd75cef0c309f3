package dev.chaosjunit.toxiproxy.internal.http;

import com.google.gson.JsonObject;
import dev.chaosjunit.toxiproxy.internal.Log;
import dev.chaosjunit.toxiproxy.internal.net.DescriptorReserve;
import dev.chaosjunit.toxiproxy.internal.net.EventLoop;
import dev.chaosjunit.toxiproxy.internal.net.IoHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The API's HTTP/1.1 server: its own event loop reads and parses every connection without blocking; complete
 * requests go to a small worker pool. Bounds: connections in all and per client address (at the bound, the
 * connection of that client that has waited longest for its request is closed to make room; a busy one never is),
 * the request and idle timeouts, the sizes of {@link RequestParser}, and a bounded worker queue (503 when full).
 */
public final class ApiServer implements IoHandler, AutoCloseable {
    private static final System.Logger LOG = Log.logger("api");

    /** Limits and timeouts. */
    public record Limits(long requestTimeoutNanos, long idleTimeoutNanos, int maxConnections, int maxPerClient,
            int workers) {
    }

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final InetSocketAddress bound;
    private final Function<HttpRequest, HttpResponse> handler;
    private final Limits limits;
    private final DescriptorReserve reserve;
    private final String serverHeader;
    private final ThreadPoolExecutor workers;
    private final Map<InetAddress, LinkedHashSet<ApiConnection>> byClient = new HashMap<>();
    private int total;
    private SelectionKey key;
    private boolean acceptPaused;
    private volatile boolean closed;

    private ApiServer(EventLoop loop, ServerSocketChannel channel, Function<HttpRequest, HttpResponse> handler,
            Limits limits, DescriptorReserve reserve, String serverHeader, String threadPrefix) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.bound = (InetSocketAddress) channel.getLocalAddress();
        this.handler = handler;
        this.limits = limits;
        this.reserve = reserve;
        this.serverHeader = serverHeader;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, threadPrefix + "-api-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Binds (a port in use throws {@link java.net.BindException} here) and starts serving on the given loop.
     */
    public static ApiServer start(InetSocketAddress address, EventLoop loop, Function<HttpRequest, HttpResponse> handler,
            Limits limits, DescriptorReserve reserve, String serverHeader, String threadPrefix) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address, 128);
            channel.configureBlocking(false);
            ApiServer server = new ApiServer(loop, channel, handler, limits, reserve, serverHeader, threadPrefix);
            loop.executeAndWait(server::register);
            return server;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void register() {
        try {
            key = channel.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot register the API listener " + bound, e);
        }
    }

    public InetSocketAddress boundAddress() {
        return bound;
    }

    long requestTimeoutNanos() {
        return limits.requestTimeoutNanos();
    }

    long idleTimeoutNanos() {
        return limits.idleTimeoutNanos();
    }

    String serverHeader() {
        return serverHeader;
    }

    /** Open connections (for tests and metrics); call from any thread. */
    public int connectionCount() {
        int[] count = new int[1];
        loop.executeAndWait(() -> count[0] = total);
        return count[0];
    }

    @Override
    public void onReady(SelectionKey readyKey) {
        for (int i = 0; i < 64 && !closed; i++) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                if (DescriptorReserve.isExhaustion(e) && reserve.releaseOne()) {
                    continue; // a reserved descriptor is free now: take this API client with it
                }
                reserve.exhausted("API accept on " + bound);
                pauseAccept(reserve.retryDelayNanos());
                return;
            }
            if (client == null) {
                return;
            }
            admit(client);
        }
    }

    private void pauseAccept(long nanos) {
        if (acceptPaused || !key.isValid()) {
            return;
        }
        acceptPaused = true;
        key.interestOps(0);
        loop.schedule(System.nanoTime() + nanos, () -> {
            acceptPaused = false;
            if (!closed && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    private void admit(SocketChannel client) {
        InetSocketAddress remote;
        try {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            remote = (InetSocketAddress) client.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        InetAddress address = remote.getAddress();
        LinkedHashSet<ApiConnection> existing = byClient.get(address);
        boolean room = (existing == null || existing.size() < limits.maxPerClient() || evictFrom(existing))
                && (total < limits.maxConnections() || evictFrom(largestClient()));
        if (!room) {
            LOG.log(Level.DEBUG, () -> "API connection from " + remote + " refused: every connection is busy");
            closeQuietly(client);
            return;
        }
        LinkedHashSet<ApiConnection> mine = byClient.computeIfAbsent(address, a -> new LinkedHashSet<>());
        ApiConnection connection = new ApiConnection(this, loop, client, remote);
        mine.add(connection);
        total++;
        try {
            connection.start();
        } catch (IOException e) {
            connection.close();
        }
    }

    /** Closes the connection of the set that has waited longest for its request; false if all are busy. */
    private static boolean evictFrom(LinkedHashSet<ApiConnection> connections) {
        ApiConnection oldest = null;
        for (ApiConnection c : connections) {
            if (c.evictable() && (oldest == null || c.waitingSinceNanos() - oldest.waitingSinceNanos() < 0)) {
                oldest = c;
            }
        }
        if (oldest == null) {
            return false;
        }
        ApiConnection evicted = oldest;
        LOG.log(Level.DEBUG, () -> "API connection from " + evicted.remote() + " closed to make room (it sent no "
                + "complete request for " + (System.nanoTime() - evicted.waitingSinceNanos()) / 1_000_000 + " ms)");
        evicted.close();
        return true;
    }

    private LinkedHashSet<ApiConnection> largestClient() {
        LinkedHashSet<ApiConnection> largest = new LinkedHashSet<>();
        for (LinkedHashSet<ApiConnection> set : byClient.values()) {
            if (set.size() > largest.size()) {
                largest = set;
            }
        }
        return largest;
    }

    /** A connection closed (on the loop). */
    void closed(ApiConnection connection) {
        LinkedHashSet<ApiConnection> mine = byClient.get(connection.remote().getAddress());
        if (mine != null && mine.remove(connection)) {
            total--;
            if (mine.isEmpty()) {
                byClient.remove(connection.remote().getAddress());
            }
        }
        reserve.refill();
    }

    /** Hands a complete request to a worker; the answer goes back to the connection on the loop. */
    void dispatch(ApiConnection connection, HttpRequest request) {
        try {
            workers.execute(() -> {
                HttpResponse response;
                try {
                    response = handler.apply(request);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "API request failed: " + request.method() + " " + Log.safe(request.path()), e);
                    response = errorResponse(500, "internal error: " + e);
                }
                HttpResponse answer = response;
                loop.execute(() -> connection.respond(answer, request.keepAlive()));
            });
        } catch (RejectedExecutionException e) {
            connection.respond(errorResponse(503, "the API is busy: too many requests at once, try again"), false);
        }
    }

    /** A Toxiproxy-style error body: {@code {"error": "...", "status": N}}. */
    public static HttpResponse errorResponse(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        body.addProperty("status", status);
        return HttpResponse.json(status, body + "\n");
    }

    /** Stops accepting, closes every connection and stops the workers. */
    @Override
    public void close() {
        closed = true;
        loop.executeAndWait(() -> {
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
            List<ApiConnection> all = new ArrayList<>();
            byClient.values().forEach(all::addAll);
            all.forEach(ApiConnection::close);
        });
        loop.executeAndWait(() -> { });
        workers.shutdownNow();
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
