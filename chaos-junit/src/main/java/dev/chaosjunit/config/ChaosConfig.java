package dev.chaosjunit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The effective chaos-junit configuration for one test.
 *
 * <p>Each key is read, first match wins, from: values set on {@code ChaosExtension.builder()}, JUnit configuration
 * parameters (which include JVM system properties and {@code junit-platform.properties}), then the default.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code chaos.enabled}</td><td>{@code true}</td><td>{@code false} runs tests without any fault</td></tr>
 *   <tr><td>{@code chaos.dryRun}</td><td>{@code false}</td><td>log what would be done, start no fault</td></tr>
 *   <tr><td>{@code chaos.seed}</td><td>random</td><td>seed for every random choice (always printed)</td></tr>
 *   <tr><td>{@code chaos.toxiproxy.url}</td><td>embedded</td><td>an external Toxiproxy, e.g. {@code http://127.0.0.1:8474}</td></tr>
 *   <tr><td>{@code chaos.journal.dir}</td><td>{@code target/chaos-reports}</td><td>where journals are written</td></tr>
 *   <tr><td>{@code chaos.expiry}</td><td>{@code 1h}</td><td>how long leftovers on an external server live at most</td></tr>
 *   <tr><td>{@code chaos.verbose}</td><td>{@code false}</td><td>show the DEBUG lines of loggers {@code dev.chaosjunit*}
 *       (per-test lines, proxies, the embedded server)</td></tr>
 * </table>
 */
public final class ChaosConfig {

    public static final String ENABLED = "chaos.enabled";
    public static final String DRY_RUN = "chaos.dryRun";
    public static final String SEED = "chaos.seed";
    public static final String TOXIPROXY_URL = "chaos.toxiproxy.url";
    public static final String JOURNAL_DIR = "chaos.journal.dir";
    public static final String EXPIRY = "chaos.expiry";
    public static final String VERBOSE = "chaos.verbose";

    private final boolean enabled;
    private final boolean dryRun;
    private final OptionalLong seed;
    private final Optional<String> toxiproxyUrl;
    private final Path journalDir;
    private final Duration expiry;
    private boolean verbose;

    private ChaosConfig(boolean enabled, boolean dryRun, OptionalLong seed, Optional<String> toxiproxyUrl,
            Path journalDir, Duration expiry) {
        this.enabled = enabled;
        this.dryRun = dryRun;
        this.seed = seed;
        this.toxiproxyUrl = toxiproxyUrl;
        this.journalDir = journalDir;
        this.expiry = expiry;
    }

    /**
     * Reads the configuration.
     *
     * @param overrides values that win over everything (from the programmatic builder)
     * @param parameters the JUnit configuration parameter lookup, e.g. {@code context::getConfigurationParameter}
     * @throws ExtensionConfigurationException naming the key, the value and what is valid
     */
    public static ChaosConfig read(Map<String, String> overrides, Function<String, Optional<String>> parameters) {
        Map<String, String> o = new HashMap<>(overrides);
        Function<String, Optional<String>> get = key -> o.containsKey(key)
                ? Optional.of(o.get(key)) : parameters.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        boolean enabled = bool(ENABLED, get.apply(ENABLED), true);
        boolean dryRun = bool(DRY_RUN, get.apply(DRY_RUN), false);
        OptionalLong seed = get.apply(SEED).map(v -> {
            try {
                return OptionalLong.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException(
                        SEED + " = \"" + v + "\" is not a seed: expected a whole number such as 42");
            }
        }).orElse(OptionalLong.empty());
        Optional<String> url = get.apply(TOXIPROXY_URL);
        url.ifPresent(u -> {
            // toxiproxy-java speaks plain http; a port beyond 65535 would fail deep inside the client
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("http://[^/:]+:(\\d{1,5})/?").matcher(u);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                throw new ExtensionConfigurationException(TOXIPROXY_URL + " = \"" + u
                        + "\" is not a Toxiproxy URL: expected http://<host>:<port> with a port from 1 to 65535, for"
                        + " example http://127.0.0.1:8474");
            }
        });
        Path journal = Path.of(get.apply(JOURNAL_DIR).orElse("target/chaos-reports"));
        Duration expiry = get.apply(EXPIRY).map(v -> {
            try {
                Duration d = Durations.parse(v);
                if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new IllegalArgumentException("\"" + v + "\" is too short: expected at least 1s");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(EXPIRY + " = " + e.getMessage());
            }
        }).orElse(Duration.ofHours(1));
        ChaosConfig config = new ChaosConfig(enabled, dryRun, seed,
                url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u), journal, expiry);
        config.verbose = bool(VERBOSE, get.apply(VERBOSE), false);
        return config;
    }

    private static boolean bool(String key, Optional<String> value, boolean dflt) {
        if (value.isEmpty()) {
            return dflt;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ExtensionConfigurationException(
                key + " = \"" + value.get() + "\" is not a boolean: expected true or false");
    }

    /** {@code chaos.verbose}: whether the DEBUG lines of the {@code dev.chaosjunit} loggers are shown. */
    public boolean verbose() {
        return verbose;
    }

    /** {@code chaos.enabled}: whether faults are started at all. */
    public boolean enabled() {
        return enabled;
    }

    /** {@code chaos.dryRun}: resolve, validate and log, but start no fault. */
    public boolean dryRun() {
        return dryRun;
    }

    /** {@code chaos.seed}, if set. */
    public OptionalLong seed() {
        return seed;
    }

    /** {@code chaos.toxiproxy.url} without a trailing slash, if set. */
    public Optional<String> toxiproxyUrl() {
        return toxiproxyUrl;
    }

    /** {@code chaos.journal.dir}. */
    public Path journalDir() {
        return journalDir;
    }

    /** {@code chaos.expiry}: the longest a toxic or proxy left on an external server by a crashed run may live. */
    public Duration expiry() {
        return expiry;
    }

    @Override
    public String toString() {
        return "ChaosConfig{enabled=" + enabled + ", dryRun=" + dryRun + ", seed=" + seed + ", toxiproxyUrl="
                + toxiproxyUrl.orElse("embedded") + ", journalDir=" + journalDir + ", expiry="
                + Durations.format(expiry) + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChaosConfig)) {
            return false;
        }
        ChaosConfig c = (ChaosConfig) o;
        return enabled == c.enabled && dryRun == c.dryRun && seed.equals(c.seed) && toxiproxyUrl.equals(c.toxiproxyUrl)
                && journalDir.equals(c.journalDir) && expiry.equals(c.expiry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, dryRun, seed, toxiproxyUrl, journalDir, expiry);
    }
}
