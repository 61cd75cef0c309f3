package dev.chaosjunit.load;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.internal.MicrometerBinding;
import dev.chaosjunit.load.internal.RunConfig;
import dev.chaosjunit.load.internal.RunningLoad;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The embedded HTTP/1.1 load driver: an immutable, fluent description of a load run, started with {@link #start()}.
 *
 * <pre>{@code
 * try (LoadRun run = LoadDriver.target("http://127.0.0.1:8080")
 *         .request(Request.get("/catalogue"))
 *         .profile(LoadProfile.constantRate(200, "30s"))
 *         .maxConnections(64)
 *         .start()) {
 *     LoadStats total = run.awaitCompletion();
 *     System.out.println(total.percentile(99));
 * }
 * }</pre>
 *
 * <p>Every method returns a new driver; a driver can be started any number of times. Defaults: 64 connections, one
 * I/O thread, request timeout 10s, drop bound 1s, drain bound 5s, progress line on stderr (off with
 * {@link #progress(boolean) progress(false)} or {@code -Dchaos.progress=false}).
 */
public final class LoadDriver {

    /** System property that silences the progress line when set to {@code false}. */
    public static final String PROGRESS_PROPERTY = "chaos.progress";

    private static final class Settings implements Cloneable {
        URI target;
        Scenario scenario;
        LoadProfile profile;
        int maxConnections = 64;
        int ioThreads = 1;
        Duration requestTimeout = Duration.ofSeconds(10);
        Duration dropAfter = Duration.ofSeconds(1);
        Duration drainTimeout = Duration.ofSeconds(5);
        Long seed;
        MeterRegistry registry;
        boolean meterHistograms;
        boolean progress = true;
        Consumer<String> progressSink;
        String label = "load";

        Settings copy() {
            try {
                return (Settings) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Settings s;

    private LoadDriver(Settings s) {
        this.s = s;
    }

    /** A driver for {@code baseUrl} ({@code http://host:port[/path]}); the path is the default request. */
    public static LoadDriver target(String baseUrl) {
        Objects.requireNonNull(baseUrl, "target URL");
        try {
            return target(new URI(baseUrl));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("load target \"" + baseUrl + "\" is not a URL: " + e.getReason()
                    + "; expected http://host:port/path");
        }
    }

    /** A driver for {@code baseUrl}. */
    public static LoadDriver target(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "target URL");
        if (!"http".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException("load target \"" + baseUrl + "\" must be an http:// URL (the driver"
                    + " speaks plain HTTP/1.1), got scheme " + baseUrl.getScheme());
        }
        if (baseUrl.getHost() == null || baseUrl.getHost().isEmpty()) {
            throw new IllegalArgumentException("load target \"" + baseUrl
                    + "\" has no host; expected http://host:port/path");
        }
        int port = baseUrl.getPort();
        if (port == 0 || port > 65535 || (port < 0 && baseUrl.getRawAuthority() != null
                && baseUrl.getRawAuthority().endsWith(":"))) {
            throw new IllegalArgumentException("load target \"" + baseUrl + "\" has port "
                    + (port < 0 ? "\"\"" : port) + "; expected 1 to 65535, or none for 80");
        }
        Settings s = new Settings();
        s.target = baseUrl;
        return new LoadDriver(s);
    }

    /** What each arrival (or user iteration) does. */
    public LoadDriver scenario(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        if (scenario.tasks().isEmpty()) {
            throw new IllegalArgumentException("scenario \"" + scenario.name()
                    + "\" has no task; add one with task(...)");
        }
        return with(c -> c.scenario = scenario);
    }

    /** A scenario of this one request. */
    public LoadDriver request(Request request) {
        return scenario(Scenario.of(Objects.requireNonNull(request, "request")));
    }

    /** The load profile (required). */
    public LoadDriver profile(LoadProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return with(c -> c.profile = profile);
    }

    /** Open-model cap on concurrent connections (= requests in flight); ignored by the closed model (one per user). */
    public LoadDriver maxConnections(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0, got " + max);
        }
        return with(c -> c.maxConnections = max);
    }

    /** Number of event-loop threads (default 1, which keeps CPU per request lowest). */
    public LoadDriver ioThreads(int threads) {
        if (threads <= 0 || threads > 64) {
            throw new IllegalArgumentException("ioThreads must be within 1..64, got " + threads);
        }
        return with(c -> c.ioThreads = threads);
    }

    /** How long a request (connect included) may take before it counts as {@link ErrorKind#TIMEOUT}. */
    public LoadDriver requestTimeout(Duration timeout) {
        Args.positive("requestTimeout", timeout);
        return with(c -> c.requestTimeout = timeout);
    }

    public LoadDriver requestTimeout(String timeout) {
        return requestTimeout(Durations.parse(timeout));
    }

    /** How long an arrival may wait for a free connection before it counts as dropped (default 1s). */
    public LoadDriver dropAfter(Duration bound) {
        Args.positive("dropAfter", bound);
        return with(c -> c.dropAfter = bound);
    }

    public LoadDriver dropAfter(String bound) {
        return dropAfter(Durations.parse(bound));
    }

    /** How long {@code stop()} (or the end of the profile) waits for in-flight requests (default 5s). */
    public LoadDriver drainTimeout(Duration bound) {
        if (bound == null || bound.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must be >= 0, got " + bound);
        }
        return with(c -> c.drainTimeout = bound);
    }

    public LoadDriver drainTimeout(String bound) {
        return drainTimeout(Durations.parse(bound));
    }

    /** Seed for task choice and think times (default: random, readable from {@link LoadRun#seed()}). */
    public LoadDriver seed(long seed) {
        return with(c -> c.seed = seed);
    }

    /** Also publish counters and timers to {@code registry} (see {@link #meterHistograms(boolean)}). */
    public LoadDriver meterRegistry(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return with(c -> c.registry = registry);
    }

    /** Whether Micrometer timers publish percentile histograms (default off). */
    public LoadDriver meterHistograms(boolean enabled) {
        return with(c -> c.meterHistograms = enabled);
    }

    /** Whether to print the once-per-second progress line (default on; {@code -Dchaos.progress=false} wins). */
    public LoadDriver progress(boolean enabled) {
        return with(c -> c.progress = enabled);
    }

    /** Where progress lines go (default: standard error). */
    public LoadDriver progressSink(Consumer<String> sink) {
        Objects.requireNonNull(sink, "progress sink");
        return with(c -> c.progressSink = sink);
    }

    /** The label at the start of progress lines (can be changed while running with {@link LoadRun#label}). */
    public LoadDriver label(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank, got " + Args.quoted(label));
        }
        return with(c -> c.label = label);
    }

    /** Starts the run: second 0 of the schedule is now. */
    public LoadRun start() {
        if (s.profile == null) {
            throw new IllegalStateException("no load profile for " + s.target
                    + ": call profile(LoadProfile.constantRate(...))"
                    + " or profile(LoadProfile.closed(...)) before start()");
        }
        Scenario scenario = s.scenario != null ? s.scenario : Scenario.of(Request.get(defaultPath()));
        int port = s.target.getPort() < 0 ? 80 : s.target.getPort();
        String host = s.target.getHost();
        String hostHeader = port == 80 ? host : host + ":" + port;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("load target host \"" + host + "\" cannot be resolved");
        }
        int parallel = s.profile.isOpen() ? s.maxConnections : s.profile.users();
        int threads = Math.min(s.ioThreads, parallel);
        long seed = s.seed != null ? s.seed : ThreadLocalRandom.current().nextLong();
        MicrometerBinding binding = s.registry == null ? null
                : new MicrometerBinding(s.registry, scenario.name(), s.meterHistograms);
        boolean progressOn = s.progress && !"false".equalsIgnoreCase(System.getProperty(PROGRESS_PROPERTY));
        Consumer<String> sink = !progressOn ? null : s.progressSink != null ? s.progressSink : System.err::println;
        RunConfig cfg = new RunConfig(address, hostHeader, s.profile, scenario, s.maxConnections, threads,
                s.requestTimeout.toNanos(), s.dropAfter.toNanos(), s.drainTimeout.toNanos(), seed, binding, sink,
                s.label);
        return RunningLoad.start(cfg);
    }

    /** Starts, waits for the profile to complete, and returns the total. */
    public LoadStats run() throws InterruptedException {
        try (LoadRun run = start()) {
            return run.awaitCompletion();
        }
    }

    private String defaultPath() {
        String p = s.target.getRawPath();
        String q = s.target.getRawQuery();
        String path = p == null || p.isEmpty() ? "/" : p;
        return q == null ? path : path + "?" + q;
    }

    private LoadDriver with(Consumer<Settings> change) {
        Settings c = s.copy();
        change.accept(c);
        return new LoadDriver(c);
    }


    @Override
    public String toString() {
        return "LoadDriver[" + s.target + ", " + s.profile + ", " + s.maxConnections + " connections]";
    }
}
