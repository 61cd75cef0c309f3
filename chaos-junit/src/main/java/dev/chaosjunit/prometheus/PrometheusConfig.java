package dev.chaosjunit.prometheus;

import dev.chaosjunit.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the Prometheus client and evaluator from configuration (JUnit configuration parameters, system
 * properties, ... whatever the given lookup reads). {@code ${ENV_VAR}} placeholders in every value are resolved from
 * the environment lookup.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #URL}</td><td>base URL of Prometheus</td><td>none: checks cannot run</td></tr>
 *   <tr><td>{@value #BEARER_TOKEN}</td><td>sent as {@code Authorization: Bearer ...}</td><td>none</td></tr>
 *   <tr><td>{@value #USERNAME} + {@value #PASSWORD}</td><td>HTTP basic auth</td><td>none</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT}</td><td>connect timeout</td><td>5s</td></tr>
 *   <tr><td>{@value #REQUEST_TIMEOUT}</td><td>per-request timeout</td><td>30s</td></tr>
 *   <tr><td>{@value #MAX_ATTEMPTS}</td><td>attempts per query, 1-10</td><td>3</td></tr>
 *   <tr><td>{@value #SCRAPE_LAG}</td><td>default scrape-lag allowance</td><td>15s</td></tr>
 * </table>
 */
public final class PrometheusConfig {

    /** Base URL of Prometheus, for example {@code http://prometheus.monitoring:9090}. */
    public static final String URL = "chaos.prometheus.url";
    /** Bearer token. */
    public static final String BEARER_TOKEN = "chaos.prometheus.bearerToken";
    /** Basic-auth user name (needs {@link #PASSWORD}). */
    public static final String USERNAME = "chaos.prometheus.username";
    /** Basic-auth password. */
    public static final String PASSWORD = "chaos.prometheus.password";
    /** Connect timeout, a duration such as {@code 5s}. */
    public static final String CONNECT_TIMEOUT = "chaos.prometheus.connectTimeout";
    /** Request timeout, a duration such as {@code 30s}. */
    public static final String REQUEST_TIMEOUT = "chaos.prometheus.requestTimeout";
    /** Attempts per query including the first, 1 to 10. */
    public static final String MAX_ATTEMPTS = "chaos.prometheus.maxAttempts";
    /** Default scrape-lag allowance for checks that do not set {@code scrapeLag}. */
    public static final String SCRAPE_LAG = "chaos.prometheus.scrapeLag";

    private PrometheusConfig() {
    }

    /** True when {@value #URL} is set (checks can run). */
    public static boolean isConfigured(Function<String, Optional<String>> config) {
        return config.apply(URL).filter(s -> !s.isBlank()).isPresent();
    }

    /** The client from configuration, placeholders resolved from the process environment. */
    public static PrometheusClient client(Function<String, Optional<String>> config) {
        return client(config, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * The client from configuration.
     *
     * @throws IllegalArgumentException naming the key, the value and what is valid when {@value #URL} is missing or
     *         any value is bad
     */
    public static PrometheusClient client(Function<String, Optional<String>> config,
            Function<String, Optional<String>> environment) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(environment, "environment");
        String url = value(config, environment, URL).orElseThrow(() -> new IllegalArgumentException(URL
                + " is not set: a @PrometheusCheck needs the base URL of Prometheus, for example "
                + URL + "=http://127.0.0.1:9090 (a JUnit configuration parameter or system property)"));
        PrometheusClient.Builder b;
        try {
            b = PrometheusClient.builder(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + ": " + e.getMessage(), e);
        }
        Optional<String> token = value(config, environment, BEARER_TOKEN);
        Optional<String> user = value(config, environment, USERNAME);
        Optional<String> password = value(config, environment, PASSWORD);
        if (token.isPresent() && (user.isPresent() || password.isPresent())) {
            throw new IllegalArgumentException(BEARER_TOKEN + " and " + USERNAME + "/" + PASSWORD
                    + " are both set: expected either a bearer token or basic auth, not both");
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException((user.isPresent() ? USERNAME + " is set but " + PASSWORD
                    : PASSWORD + " is set but " + USERNAME) + " is not: basic auth needs both");
        }
        try {
            if (token.isPresent()) {
                b = b.bearerToken(token.get());
            }
            if (user.isPresent()) {
                b = b.basicAuth(user.get(), password.get());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((token.isPresent() ? BEARER_TOKEN : USERNAME) + ": "
                    + e.getMessage(), e);
        }
        Optional<Duration> connect = duration(config, environment, CONNECT_TIMEOUT);
        if (connect.isPresent()) {
            b = b.connectTimeout(positive(CONNECT_TIMEOUT, connect.get()));
        }
        Optional<Duration> request = duration(config, environment, REQUEST_TIMEOUT);
        if (request.isPresent()) {
            b = b.requestTimeout(positive(REQUEST_TIMEOUT, request.get()));
        }
        Optional<String> attempts = value(config, environment, MAX_ATTEMPTS);
        if (attempts.isPresent()) {
            try {
                b = b.maxAttempts(Integer.parseInt(attempts.get().strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MAX_ATTEMPTS + " \"" + attempts.get() + "\" is not valid: "
                        + "expected a whole number from 1 to 10 (1 = no retries)", e);
            }
        }
        return b.build();
    }

    /** The evaluator from configuration (client plus {@value #SCRAPE_LAG}), placeholders from the environment. */
    public static PrometheusCheckEvaluator evaluator(Function<String, Optional<String>> config) {
        return evaluator(config, name -> Optional.ofNullable(System.getenv(name)));
    }

    /** The evaluator from configuration (client plus {@value #SCRAPE_LAG}). */
    public static PrometheusCheckEvaluator evaluator(Function<String, Optional<String>> config,
            Function<String, Optional<String>> environment) {
        PrometheusClient client = client(config, environment);
        Duration lag = duration(config, environment, SCRAPE_LAG).orElse(PrometheusCheckEvaluator.DEFAULT_SCRAPE_LAG);
        return new PrometheusCheckEvaluator(client, lag, Clock.systemUTC());
    }

    private static Optional<String> value(Function<String, Optional<String>> config,
            Function<String, Optional<String>> environment, String key) {
        return config.apply(key).filter(s -> !s.isBlank()).map(s -> Placeholders.resolve(s, key, environment));
    }

    private static Optional<Duration> duration(Function<String, Optional<String>> config,
            Function<String, Optional<String>> environment, String key) {
        return value(config, environment, key).map(s -> {
            try {
                return Durations.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " " + e.getMessage(), e);
            }
        });
    }

    private static Duration positive(String key, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " \"0\" is not valid: expected a positive duration such as "
                    + "\"5s\"");
        }
        return d;
    }
}
