package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.TimeoutConnections;
import java.util.Map;

/** {@link TimeoutConnections}: Toxiproxy's {@code timeout} toxic. */
public final class TimeoutFault extends ToxicFault<TimeoutConnections> {

    @Override
    Common common(TimeoutConnections a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(TimeoutConnections a, ResolveContext ctx) {
        long timeout = ctx.values().wholeMillis("timeout", a.timeout(), 0);
        return new Toxic("timeout", Map.of("timeout_ms", timeout),
                (toxics, name, d) -> toxics.timeout(name, d, timeout));
    }
}
