package dev.chaosjunit.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.fault.AnnotationValues;
import dev.chaosjunit.fault.ResolveContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The {@link ResolveContext} for one annotation occurrence. */
final class DefaultResolveContext implements ResolveContext {

    private final String location;
    private final Optional<Duration> window;
    private final ChaosConfig config;
    private final ExtensionContext context;
    private final AnnotationValues values;

    DefaultResolveContext(String annotation, String location, Optional<Duration> window, ChaosConfig config,
            ExtensionContext context, Function<String, String> env) {
        this.location = location;
        this.window = window;
        this.config = config;
        this.context = context;
        this.values = AnnotationValues.of(annotation + " on " + location, env);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Optional<Duration> window() {
        return window;
    }

    @Override
    public ChaosConfig config() {
        return config;
    }

    @Override
    public ExtensionContext extensionContext() {
        return context;
    }

    @Override
    public AnnotationValues values() {
        return values;
    }
}
