package dev.chaosjunit.prometheus.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.prometheus.PrometheusCheck;
import dev.chaosjunit.prometheus.PrometheusCheckSpec;
import dev.chaosjunit.prometheus.PrometheusConfig;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.CheckHandler;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@link PrometheusCheck} into a {@link PrometheusSteadyStateCheck}, with the client from the
 * {@code chaos.prometheus.*} configuration parameters (JUnit configuration parameters or system properties).
 */
public final class PrometheusCheckProvider implements CheckHandler<PrometheusCheck> {


    @Override
    public String describe(PrometheusCheck a) {
        return a.name().isEmpty() ? "query = \"" + a.query() + "\"" : "name = \"" + a.name() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(PrometheusCheck a, ResolveContext ctx) {
        Function<String, Optional<String>> config = key -> ctx.extensionContext().getConfigurationParameter(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)));
        Function<String, Optional<String>> env = name -> Optional.ofNullable(System.getenv(name))
                .or(() -> Optional.ofNullable(System.getProperty(name)));
        if (!PrometheusConfig.isConfigured(config)) {
            throw ctx.invalid("query", a.query(), "needs a Prometheus server, but " + PrometheusConfig.URL
                    + " is not set: set it in junit-platform.properties or with -D" + PrometheusConfig.URL
                    + "=http://127.0.0.1:9090");
        }
        PrometheusCheckSpec spec = PrometheusCheckSpec.of(a, env);
        return new PrometheusSteadyStateCheck(spec, PrometheusConfig.evaluator(config, env));
    }
}
