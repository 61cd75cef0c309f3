package dev.chaosjunit.toxiproxy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.api.ApiHandler;
import dev.chaosjunit.toxiproxy.internal.net.EventLoopGroup;
import dev.chaosjunit.toxiproxy.internal.proxy.ProxyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * An in-JVM server that speaks Toxiproxy 2.x's HTTP API and applies its toxics, so the real {@code toxiproxy-java}
 * client (or any Toxiproxy client) works with nothing installed.
 *
 * <pre>{@code
 * try (ToxiproxyServer server = ToxiproxyServer.start()) {
 *     ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
 *     Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
 *     proxy.toxics().latency("slow-db", ToxicDirection.DOWNSTREAM, 200);
 * }
 * }</pre>
 *
 * <p>Proxies are served by NIO event loops (one per core, at most {@value #MAX_LOOPS}); the API by a small thread
 * pool. {@link #close()} stops the API, every listener and every connection.
 */
public final class ToxiproxyServer implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK, 20-40 ms on every API call (measured: one toxic cost 47 ms per test,
        // 1.8 ms without). The property is read once per JVM, when the JDK server is first used: set it before that,
        // unless the user chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = Logger.getLogger("dev.chaosjunit.toxiproxy");
    /** The version {@code GET /version} reports. */
    public static final String VERSION = "0.1.0";
    static final int MAX_LOOPS = 4;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String requestedHost;
    private final int requestedPort;
    private final Path config;
    private final long seed;
    private final int eventLoops;
    private final long expirySweepMillis;
    private ScheduledExecutorService expirySweeper;
    private EventLoopGroup loops;
    private ProxyRegistry registry;
    private HttpServer http;
    private ExecutorService httpExecutor;
    private InetSocketAddress bound;
    private boolean closed;

    private ToxiproxyServer(Builder builder) {
        this.requestedHost = builder.host;
        this.requestedPort = builder.port;
        this.config = builder.config;
        this.seed = builder.seed != null ? builder.seed : new SecureRandom().nextLong();
        this.eventLoops = builder.eventLoops;
        this.expirySweepMillis = builder.expirySweep.toMillis();
    }

    /** Starts a server on 127.0.0.1 with an ephemeral API port and a random seed. */
    public static ToxiproxyServer start() {
        return builder().build().startServer();
    }

    /** A builder for a server that is not started yet. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the built server: event loops, the proxies of the config file (if any), then the API.
     *
     * @return this server
     * @throws IllegalStateException    if already started or closed
     * @throws IllegalArgumentException if the config file is invalid or the API port is in use
     */
    public synchronized ToxiproxyServer startServer() {
        if (closed || http != null) {
            throw new IllegalStateException("ToxiproxyServer already " + (closed ? "closed" : "started"));
        }
        int instance = INSTANCES.incrementAndGet();
        loops = new EventLoopGroup(eventLoops, "chaos-toxiproxy-" + instance + "-loop");
        registry = new ProxyRegistry(loops, seed);
        try {
            if (config != null) {
                loadConfig(config);
            }
            http = HttpServer.create(new InetSocketAddress(requestedHost, requestedPort), 64);
            AtomicInteger threads = new AtomicInteger();
            httpExecutor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "chaos-toxiproxy-" + instance + "-api-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(httpExecutor);
            http.createContext("/", new ApiHandler(registry, VERSION));
            http.start();
            bound = http.getAddress();
            ProxyRegistry sweptRegistry = registry;
            expirySweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chaos-toxiproxy-" + instance + "-expiry");
                t.setDaemon(true);
                return t;
            });
            expirySweeper.scheduleWithFixedDelay(() -> sweptRegistry.expireOverdue(Instant.now().getEpochSecond()),
                    expirySweepMillis, expirySweepMillis, TimeUnit.MILLISECONDS);
        } catch (BindException e) {
            closeQuietly();
            throw new IllegalArgumentException("cannot listen on " + requestedHost + ":" + requestedPort
                    + ": the port is in use (use port 0 for a free one)", e);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot start the API on " + requestedHost + ":" + requestedPort, e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        LOG.info(() -> "chaos-toxiproxy-server listening on " + url() + " (seed " + seed + ")");
        return this;
    }

    private void loadConfig(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid JSON: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        try {
            registry.populate(json);
        } catch (ProxyRegistry.PopulateFailure e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.error().getMessage(), e);
        } catch (ApiException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "loaded proxies from " + file);
    }

    /** The API base URL, e.g. {@code http://127.0.0.1:8474}. */
    public String url() {
        return "http://" + hostForUrl() + ":" + port();
    }

    private String hostForUrl() {
        String host = host();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The API's IP address as a string, e.g. {@code 127.0.0.1}. */
    public String host() {
        requireStarted();
        return bound.getAddress().getHostAddress();
    }

    /** The API's port (the real one when 0 was asked for). */
    public int port() {
        requireStarted();
        return bound.getPort();
    }

    /** The seed of every random choice (toxicity, jitter, slicer sizes); pass it back to repeat a run. */
    public long seed() {
        return seed;
    }

    private void requireStarted() {
        if (bound == null) {
            throw new IllegalStateException("ToxiproxyServer is not started; call startServer()");
        }
    }

    /** Stops the API, every proxy listener and every connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
        if (bound != null) {
            LOG.info(() -> "chaos-toxiproxy-server on " + url() + " stopped");
        }
    }

    private void closeQuietly() {
        if (expirySweeper != null) {
            expirySweeper.shutdownNow();
        }
        if (http != null) {
            http.stop(0);
        }
        if (httpExecutor != null) {
            httpExecutor.shutdownNow();
        }
        if (registry != null) {
            registry.close();
        }
        if (loops != null) {
            loops.close();
        }
    }

    /** Builds a {@link ToxiproxyServer}; {@link #build()} does not start it. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path config;
        private Long seed;
        private int eventLoops = Math.max(1, Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors()));
        private Duration expirySweep = Duration.ofSeconds(5);

        private Builder() {
        }

        /** The API's host or IP (default {@code 127.0.0.1}). */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank (e.g. 127.0.0.1)");
            }
            this.host = host;
            return this;
        }

        /** The API's port, 0 (the default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535 (0 = a free port), got " + port);
            }
            this.port = port;
            return this;
        }

        /** A JSON file of proxies to create at start, the same format as {@code toxiproxy-server -config}. */
        public Builder config(Path config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Seeds every random choice, so runs repeat; without it the seed is random (see {@link ToxiproxyServer#seed()}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of NIO event loops (default: one per core, at most 4). */
        public Builder eventLoops(int eventLoops) {
            if (eventLoops < 1 || eventLoops > 64) {
                throw new IllegalArgumentException("eventLoops must be from 1 to 64, got " + eventLoops);
            }
            this.eventLoops = eventLoops;
            return this;
        }

        /**
         * How often proxies and toxics with an expiring chaos-junit name ({@code chaos-junit.<run>.<epochSeconds>.…})
         * are looked at and removed once their time has passed; default 5s, from 10ms to 1h.
         */
        public Builder expirySweep(Duration interval) {
            if (interval == null || interval.compareTo(Duration.ofMillis(10)) < 0
                    || interval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("expirySweep must be from 10ms to 1h, got " + interval);
            }
            this.expirySweep = interval;
            return this;
        }

        public ToxiproxyServer build() {
            return new ToxiproxyServer(this);
        }
    }
}
