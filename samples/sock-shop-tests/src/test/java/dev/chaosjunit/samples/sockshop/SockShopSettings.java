package dev.chaosjunit.samples.sockshop;

import dev.chaosjunit.config.Durations;
import java.time.Duration;

/** The {@code sockshop.*} properties of this module's pom (override with {@code -Dsockshop.duration=20s}). */
final class SockShopSettings {

    private SockShopSettings() {
    }

    /** A duration property; unset or malformed is an error that says which property and what is valid. */
    static Duration duration(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: run through Maven (the pom sets it) or pass"
                    + " -D" + property + "=20s");
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " = \"" + value + "\": " + e.getMessage(), e);
        }
    }
}
