package dev.chaosjunit.samples.rollout.service2;

import dev.chaosjunit.samples.rollout.common.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * service2's settings: {@code SERVICE2_VERSION} (v1..v4, default v1), {@code SERVICE2_SLOW_DELAY} (how long v4 holds
 * each count request, default 2s), {@code PORT} (default 8000).
 */
public record Service2Config(Service2Version version, Duration slowDelay, int port) {

    /** Default port inside the container. */
    public static final int DEFAULT_PORT = 8000;
    /** Default delay of the slow version: well above service1's default timeout (500ms). */
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(2);

    public Service2Config {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(slowDelay, "slowDelay");
        if (slowDelay.isNegative()) {
            throw new IllegalArgumentException("SERVICE2_SLOW_DELAY must not be negative, got " + slowDelay);
        }
    }

    /** Reads the settings. */
    public static Service2Config from(Settings settings) {
        return new Service2Config(
                Service2Version.parse(settings.text("SERVICE2_VERSION", "v1")),
                settings.duration("SERVICE2_SLOW_DELAY", DEFAULT_SLOW_DELAY),
                settings.port("PORT", DEFAULT_PORT));
    }
}
