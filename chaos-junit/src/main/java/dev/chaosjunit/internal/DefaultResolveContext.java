package dev.chaosjunit.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The {@link ResolveContext} for one annotation occurrence. */
final class DefaultResolveContext implements ResolveContext {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String annotation;
    private final String location;
    private final Optional<Duration> window;
    private final ChaosConfig config;
    private final ExtensionContext context;
    private final Set<String> proxyNames;
    private final Function<String, String> env;

    DefaultResolveContext(String annotation, String location, Optional<Duration> window, ChaosConfig config,
            ExtensionContext context, Set<String> proxyNames, Function<String, String> env) {
        this.annotation = annotation;
        this.location = location;
        this.window = window;
        this.config = config;
        this.context = context;
        this.proxyNames = proxyNames;
        this.env = env;
    }

    /** {@code @InjectLatency(proxy = "payments") on CheckoutTest.slowPayments()}. */
    String subject() {
        return annotation + " on " + location;
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
    public Set<String> proxyNames() {
        return proxyNames;
    }

    @Override
    public String string(String attribute, String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw invalid(attribute, value, "uses ${" + m.group(1) + "}, which is not set: expected the "
                        + "environment variable or system property " + m.group(1) + " to be set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public String requiredString(String attribute, String value, String expectation) {
        String s = string(attribute, value);
        if (s == null || s.isBlank()) {
            throw invalid(attribute, value == null ? "" : value, "is empty: expected " + expectation);
        }
        return s;
    }

    @Override
    public Duration duration(String attribute, String value) {
        String s = string(attribute, value);
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw fail(attribute + " = " + e.getMessage());
        }
    }

    @Override
    public Duration duration(String attribute, String value, Duration min) {
        Duration d = duration(attribute, value);
        if (d.compareTo(min) < 0) {
            throw invalid(attribute, value, "is too short: expected at least " + Durations.format(min));
        }
        return d;
    }

    @Override
    public double fraction(String attribute, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw invalid(attribute, value, "is out of range: expected a fraction from 0.0 to 1.0");
        }
        return value;
    }

    @Override
    public Schedule schedule(String after, String duration, String every) {
        Duration a = after == null || after.isBlank() ? Duration.ZERO : duration("after", after);
        Duration d = null;
        if (duration != null && !duration.isBlank()) {
            d = duration("duration", duration);
            if (d.isZero()) {
                throw invalid("duration", duration, "is too short: expected more than 0, or \"\" for the whole "
                        + "chaos phase");
            }
        }
        Duration e = null;
        if (every != null && !every.isBlank()) {
            e = duration("every", every);
            if (d == null) {
                throw invalid("every", every, "repeats a fault that has no duration: expected duration to be set "
                        + "and shorter than every");
            }
            if (e.compareTo(d) <= 0) {
                throw invalid("every", every, "is not longer than duration = \"" + duration
                        + "\": expected a period longer than the duration");
            }
        }
        if (window.isPresent()) {
            Duration w = window.get();
            if (a.compareTo(w) >= 0) {
                throw invalid("after", after, "starts at or after the end of the chaos window ("
                        + Durations.format(w) + "): expected less than " + Durations.format(w));
            }
            if (d != null && a.plus(d).compareTo(w) > 0) {
                throw invalid("duration", duration, "ends at " + Durations.format(a.plus(d))
                        + ", after the chaos window of " + Durations.format(w) + ": expected after + duration <= "
                        + Durations.format(w));
            }
        }
        return Schedule.of(a, d, e);
    }

    @Override
    public ExtensionConfigurationException invalid(String attribute, Object value, String problem) {
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return fail(attribute + " = " + shown + " " + problem);
    }

    ExtensionConfigurationException fail(String detail) {
        return new ExtensionConfigurationException(subject() + ": " + detail);
    }
}
