package dev.chaosjunit.steadystate.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.steadystate.HealthProbe;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.load.JsonPath;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Resolves {@link HealthProbe} into a {@link HealthProbeCheck}. */
public final class HealthProbeProvider implements CheckHandler<HealthProbe> {


    @Override
    public String describe(HealthProbe a) {
        return "health".equals(a.name()) ? "url = \"" + a.url() + "\"" : "name = \"" + a.name() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(HealthProbe a, ResolveContext ctx) {
        String text = ctx.requiredString("url", a.url(), "an http:// or https:// URL, such as "
                + "\"http://127.0.0.1:8080/health\"");
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw ctx.invalid("url", a.url(), "is not a URL (" + e.getReason() + "): expected an http:// or https://"
                    + " URL, such as \"http://127.0.0.1:8080/health\"");
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw ctx.invalid("url", a.url(), "is not an http:// or https:// URL with a host: expected such as "
                    + "\"http://127.0.0.1:8080/health\"");
        }
        if (a.status() < 100 || a.status() > 599) {
            throw ctx.invalid("status", a.status(), "is not an HTTP status: expected 100 to 599");
        }
        Duration maxLatency = ctx.duration("maxLatency", a.maxLatency(), Duration.ofMillis(1));
        Duration every = ctx.duration("every", a.every(), Duration.ofMillis(10));
        double min = ctx.fraction("minSuccessRate", a.minSuccessRate());
        if (!a.jsonPath().isEmpty()) {
            try {
                JsonPath.of(a.jsonPath(), "jsonPath");
            } catch (IllegalArgumentException e) {
                throw ctx.invalid("jsonPath", a.jsonPath(), "is not a JSON path: expected names separated by dots"
                        + " with optional [index] parts, such as \"status\" or \"checks[0].state\"");
            }
        } else if (!a.equals().isEmpty()) {
            throw ctx.invalid("equals", a.equals(), "is set without jsonPath: expected jsonPath to name the field"
                    + " that must equal it");
        }
        if (a.phases().length == 0) {
            throw ctx.invalid("phases", "{}", "is empty: expected at least one of BEFORE, DURING, AFTER");
        }
        return new HealthProbeCheck(new HealthProbeCheck.Spec(a.name(), url, a.status(), maxLatency, a.jsonPath(),
                a.equals(), every, min, HealthProbeCheck.phases(a.phases())));
    }
}
