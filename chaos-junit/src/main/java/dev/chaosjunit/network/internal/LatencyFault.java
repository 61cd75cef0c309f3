package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.InjectLatency;
import java.util.Map;
import eu.rekawek.toxiproxy.model.toxic.Latency;

/** {@link InjectLatency}: Toxiproxy's {@code latency} toxic, with optional jitter. */
public final class LatencyFault extends ToxicFault<InjectLatency> {

    @Override
    Common common(InjectLatency a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(InjectLatency a, ResolveContext ctx) {
        long latency = ctx.values().wholeMillis("latency", a.latency(), 1);
        long jitter = ctx.values().wholeMillis("jitter", a.jitter(), 0);
        if (jitter > latency) {
            throw ctx.invalid("jitter", a.jitter(), "is larger than latency = \"" + a.latency()
                    + "\": expected at most the latency");
        }
        return new Toxic("latency", Map.of("latency_ms", latency, "jitter_ms", jitter), (toxics, name, d) -> {
            Latency toxic = toxics.latency(name, d, latency);
            return jitter == 0 ? toxic : toxic.setJitter(jitter);   // one API call fewer without jitter
        });
    }
}
