package dev.chaosjunit.samples.rollout.service1;

import dev.chaosjunit.samples.rollout.common.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * service1's settings: {@code SERVICE2_URL} (default {@code http://service2:8000}, the Kubernetes Service),
 * {@code SERVICE2_TIMEOUT} (how long service1 waits for service2, connect included, default 500ms) and
 * {@code PORT} (default 8000).
 */
public record Service1Config(URI service2Url, Duration service2Timeout, int port) {

    /** Default port inside the container. */
    public static final int DEFAULT_PORT = 8000;
    /** Default wait for service2. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    public Service1Config {
        Objects.requireNonNull(service2Url, "service2Url");
        Objects.requireNonNull(service2Timeout, "service2Timeout");
        if (!"http".equals(service2Url.getScheme()) || service2Url.getHost() == null) {
            throw new IllegalArgumentException("SERVICE2_URL=" + service2Url
                    + " is not an http URL with a host, for example http://service2:8000");
        }
        if (service2Timeout.isZero() || service2Timeout.isNegative()) {
            throw new IllegalArgumentException("SERVICE2_TIMEOUT must be > 0, got " + service2Timeout);
        }
    }

    /** Reads the settings. */
    public static Service1Config from(Settings settings) {
        String url = settings.text("SERVICE2_URL", "http://service2:8000");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SERVICE2_URL=" + url + " is not a URL: " + e.getMessage()
                    + "; expected for example http://service2:8000", e);
        }
        return new Service1Config(uri, settings.duration("SERVICE2_TIMEOUT", DEFAULT_TIMEOUT),
                settings.port("PORT", DEFAULT_PORT));
    }
}
