package dev.chaosjunit.fault;

import dev.chaosjunit.config.ChaosConfig;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;

/** What an injection gets from the core. */
public interface FaultRuntime {

    /**
     * A name unique to this injection that a janitor can recognise and expire:
     * {@code chaos-junit.<runId>.<expiresEpochSeconds>.<kind>-<n>}. Use it for anything created outside the JVM.
     */
    String name();

    /** When anything this injection leaves behind may be removed by a later run's janitor. */
    Instant expires();

    /** Randomness derived from the experiment's seed, so choices are reproducible with {@code chaos.seed}. */
    Random random();

    /** The effective configuration. */
    ChaosConfig config();

    /** The test's extension context, for example to keep a client in the root store. */
    ExtensionContext extensionContext();
}
