package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.LimitBandwidth;
import java.util.Map;

/** {@link LimitBandwidth}: Toxiproxy's {@code bandwidth} toxic. */
public final class BandwidthFault extends ToxicFault<LimitBandwidth> {

    @Override
    Common common(LimitBandwidth a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(LimitBandwidth a, ResolveContext ctx) {
        long rate = ctx.values().kilobytesPerSecond("rate", a.rate());
        return new Toxic("bandwidth", Map.of("rate_kb_per_s", rate),
                (toxics, name, d) -> toxics.bandwidth(name, d, rate));
    }
}
