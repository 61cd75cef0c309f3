package dev.chaosjunit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.internal.Verbosity;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@code chaos.verbose}: a known key, off by default, and when on the dev.chaosjunit loggers show DEBUG lines. */
class VerboseSwitchTest {

    @Test
    void offByDefaultOnWhenAsked() {
        assertThat(ChaosConfig.read(Map.of(), key -> Optional.empty()).verbose()).isFalse();
        assertThat(ChaosConfig.read(Map.of(), key -> Optional.of("true").filter(v -> key.equals(ChaosConfig.VERBOSE)))
                .verbose()).isTrue();
        assertThatThrownBy(() -> ChaosConfig.read(Map.of(ChaosConfig.VERBOSE, "yes"), key -> Optional.empty()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("chaos.verbose = \"yes\" is not a boolean: expected true or false");
    }

    @Test
    void verboseShowsTheDebugLinesOfChaosJunitLoggers() {
        Logger logger = Logger.getLogger("dev.chaosjunit.toxiproxy");
        Verbosity.reset();   // a clean start, also when the suite itself runs with -Dchaos.verbose=true
        Verbosity.apply(false);
        assertThat(logger.isLoggable(Level.FINE)).isFalse();
        Verbosity.apply(true);
        try {
            // System.Logger's DEBUG is java.util.logging's FINE
            assertThat(logger.isLoggable(Level.FINE)).isTrue();
            assertThat(Logger.getLogger("dev.chaosjunit").getHandlers()).isNotEmpty();
        } finally {
            Verbosity.reset();
        }
        assertThat(logger.isLoggable(Level.FINE)).isFalse();
    }
}
