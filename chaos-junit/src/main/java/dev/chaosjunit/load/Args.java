package dev.chaosjunit.load;

import dev.chaosjunit.config.Durations;
import java.time.Duration;

/** The argument checks the load driver's builders share; messages name the value and what is valid. */
final class Args {

    private Args() {
    }

    /** {@code d}, when it is above 0. */
    static Duration positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be > 0, got " + (d == null ? "null" : Durations.format(d)));
        }
        return d;
    }

    /** {@code text} quoted, or {@code null}, for messages. */
    static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
