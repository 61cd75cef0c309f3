package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.LimitData;
import java.util.Map;

/** {@link LimitData}: Toxiproxy's {@code limit_data} toxic. */
public final class LimitDataFault extends ToxicFault<LimitData> {

    @Override
    Common common(LimitData a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(LimitData a, ResolveContext ctx) {
        long bytes = ctx.integer("bytes", a.bytes(), 1, Long.MAX_VALUE);
        return new Toxic("limit_data", Map.of("bytes", bytes), (toxics, name, d) -> toxics.limitData(name, d, bytes));
    }
}
