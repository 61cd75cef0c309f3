package dev.chaosjunit.toxiproxy;

import com.google.gson.JsonElement;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import dev.chaosjunit.toxiproxy.internal.Log;
import dev.chaosjunit.toxiproxy.internal.api.ApiHandler;
import dev.chaosjunit.toxiproxy.internal.api.RequestPolicy;
import dev.chaosjunit.toxiproxy.internal.api.StrictJson;
import dev.chaosjunit.toxiproxy.internal.http.ApiServer;
import dev.chaosjunit.toxiproxy.internal.metrics.MetricsEndpoint;
import dev.chaosjunit.toxiproxy.internal.metrics.ProxyMetrics;
import dev.chaosjunit.toxiproxy.internal.net.DescriptorReserve;
import dev.chaosjunit.toxiproxy.internal.net.EventLoop;
import dev.chaosjunit.toxiproxy.internal.net.EventLoopGroup;
import dev.chaosjunit.toxiproxy.internal.net.MemoryBudget;
import dev.chaosjunit.toxiproxy.internal.net.ServerResources;
import dev.chaosjunit.toxiproxy.internal.proxy.ProxyEnvironment;
import dev.chaosjunit.toxiproxy.internal.proxy.ProxyRegistry;
import dev.chaosjunit.toxiproxy.internal.proxy.UpstreamResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Proxies are served by NIO event loops (one per core, at most {@value #MAX_LOOPS}); the API by an event loop
 * of its own that reads requests without blocking and a small pool of workers that only ever get complete
 * requests. {@link #close()} stops the API, every listener and every connection.
 */
public final class ToxiproxyServer implements AutoCloseable {

    private static final System.Logger LOG = Log.logger("");
    /** This server's own version (the {@code Server} header of every API response, {@code -version}). */
    public static final String VERSION = "0.1.0";
    /**
     * The Toxiproxy version whose API, flags and metrics this server matches; {@code GET /version} answers it, so
     * clients and scripts that compare versions see a Toxiproxy they know.
     */
    public static final String TOXIPROXY_VERSION = "2.5.0";
    static final int MAX_LOOPS = 4;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String requestedHost;
    private final int requestedPort;
    private final Path config;
    private final long seed;
    private final int eventLoops;
    private final long expirySweepMillis;
    private final boolean proxyMetrics;
    private final boolean runtimeMetrics;
    private final Set<String> allowedHosts;
    private final Duration requestTimeout;
    private final UpstreamResolver.Lookup lookup;
    private ScheduledExecutorService expirySweeper;
    private EventLoopGroup loops;
    private EventLoop apiLoop;
    private DescriptorReserve reserve;
    private UpstreamResolver resolver;
    private ProxyRegistry registry;
    private ApiServer http;
    private InetSocketAddress bound;
    private boolean closed;

    private ToxiproxyServer(Builder builder) {
        this.requestedHost = builder.host;
        this.requestedPort = builder.port;
        this.config = builder.config;
        this.seed = builder.seed != null ? builder.seed : new SecureRandom().nextLong();
        this.eventLoops = builder.eventLoops;
        this.expirySweepMillis = builder.expirySweep.toMillis();
        this.proxyMetrics = builder.proxyMetrics;
        this.runtimeMetrics = builder.runtimeMetrics;
        this.allowedHosts = Set.copyOf(builder.allowedHosts);
        this.requestTimeout = builder.requestTimeout;
        this.lookup = builder.lookup;
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
        String prefix = "chaos-toxiproxy-" + instance;
        loops = new EventLoopGroup(eventLoops, prefix + "-loop");
        reserve = new DescriptorReserve(8);
        resolver = new UpstreamResolver(lookup, prefix);
        ProxyMetrics metrics = proxyMetrics ? new ProxyMetrics() : null;
        registry = new ProxyRegistry(new ProxyEnvironment(loops, seed,
                new ServerResources(reserve, MemoryBudget.ofHeap()), metrics, resolver));
        try {
            if (config != null) {
                loadConfig(config);
            }
            apiLoop = new EventLoop(prefix + "-api-loop");
            long timeout = requestTimeout.toNanos();
            ApiServer.Limits limits = new ApiServer.Limits(timeout, Math.max(timeout, 60_000_000_000L), 256, 32, 4);
            ApiHandler handler = new ApiHandler(registry, TOXIPROXY_VERSION,
                    new RequestPolicy(requestedHost, allowedHosts),
                    new MetricsEndpoint(metrics, runtimeMetrics, VERSION, TOXIPROXY_VERSION));
            http = ApiServer.start(new InetSocketAddress(requestedHost, requestedPort), apiLoop, handler, limits,
                    reserve, "chaos-toxiproxy-server/" + VERSION, prefix);
            bound = http.boundAddress();
            ProxyRegistry sweptRegistry = registry;
            expirySweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, prefix + "-expiry");
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
        LOG.log(Level.INFO, () -> "chaos-toxiproxy-server listening on " + url() + " (seed " + seed + ", version "
                + VERSION + ", Toxiproxy " + TOXIPROXY_VERSION + " API)");
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
            json = StrictJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        try {
            registry.populate(json);
        } catch (ProxyRegistry.PopulateFailure e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.error().getMessage(), e);
        } catch (ApiException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, () -> "loaded proxies from " + Log.safe(file));
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
            LOG.log(Level.INFO, () -> "chaos-toxiproxy-server on " + url() + " stopped");
        }
    }

    private void closeQuietly() {
        if (expirySweeper != null) {
            expirySweeper.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        if (apiLoop != null) {
            apiLoop.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (loops != null) {
            loops.close();
        }
        if (resolver != null) {
            resolver.close();
        }
        if (reserve != null) {
            reserve.close();
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
        private boolean proxyMetrics;
        private boolean runtimeMetrics;
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private UpstreamResolver.Lookup lookup = InetAddress::getByName;

        private Builder() {
        }

        /**
         * Toxiproxy's proxy metrics on {@code GET /metrics} ({@code toxiproxy_proxy_received_bytes_total} and
         * {@code toxiproxy_proxy_sent_bytes_total}), as {@code toxiproxy-server -proxy-metrics}; default off.
         */
        public Builder proxyMetrics(boolean enabled) {
            this.proxyMetrics = enabled;
            return this;
        }

        /** Process and JVM metrics on {@code GET /metrics}, as {@code toxiproxy-server -runtime-metrics}; default off. */
        public Builder runtimeMetrics(boolean enabled) {
            this.runtimeMetrics = enabled;
            return this;
        }

        /**
         * Further host names the API answers to in the {@code Host} header (besides IP addresses, {@code localhost},
         * the API host and this machine's name); {@code "*"} allows every name (no DNS rebinding protection).
         */
        public Builder allowedHosts(String... names) {
            for (String name : names) {
                if (name == null || name.isBlank() || name.contains("/") || name.contains(" ")) {
                    throw new IllegalArgumentException("allowedHosts: '" + name + "' is not a host name (e.g. "
                            + "toxiproxy.internal, or * for any)");
                }
                allowedHosts.add(name.trim());
            }
            return this;
        }

        /**
         * How long a client may take to send one request in full, from its first byte (default 10s, as
         * Toxiproxy's read timeout; from 100ms to 10m). Slower requests get 408; they never hold up other clients.
         */
        public Builder requestTimeout(Duration timeout) {
            if (timeout == null || timeout.compareTo(Duration.ofMillis(100)) < 0
                    || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("requestTimeout must be from 100ms to 10m, got " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** The name lookup for upstream hosts (tests use a slow one). */
        Builder lookup(UpstreamResolver.Lookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
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
