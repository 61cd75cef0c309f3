package dev.chaosjunit.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.fault.FaultRuntime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The {@link FaultRuntime} handed to one injection. */
final class InjectionRuntime implements FaultRuntime {

    private final String name;
    private final Instant expires;
    private final Random seeded;
    private final ChaosConfig config;
    private final ExtensionContext context;

    /** @param seeded the experiment's random, shared by its injections (each gets its own child) */
    InjectionRuntime(String name, Instant expires, Random seeded, ChaosConfig config, ExtensionContext context) {
        this.name = name;
        this.expires = expires;
        this.seeded = seeded;
        this.config = config;
        this.context = context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Instant expires() {
        return expires;
    }

    @Override
    public Random random() {
        synchronized (seeded) {
            return new Random(seeded.nextLong());
        }
    }

    @Override
    public ChaosConfig config() {
        return config;
    }

    @Override
    public ExtensionContext extensionContext() {
        return context;
    }
}
