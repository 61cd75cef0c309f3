package dev.chaosjunit.springboot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the payments service is and how long checkout waits for it ({@code payments.*} in
 * {@code application.properties}).
 *
 * @param baseUrl        the payments service, for example {@code http://payments:8080}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the answer once the request is sent; checkout falls back after it
 */
@ConfigurationProperties(prefix = "payments")
public record PaymentsProperties(URI baseUrl, Duration connectTimeout, Duration readTimeout) {

    public PaymentsProperties {
        Objects.requireNonNull(baseUrl, "payments.base-url is not set");
        requirePositive("payments.connect-timeout", connectTimeout);
        requirePositive("payments.read-timeout", readTimeout);
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " = " + value + ": expected a positive duration, for "
                    + "example 300ms");
        }
    }
}
