package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.SlowClose;
import java.util.Map;

/** {@link SlowClose}: Toxiproxy's {@code slow_close} toxic. */
public final class SlowCloseFault extends ToxicFault<SlowClose> {

    @Override
    Common common(SlowClose a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(SlowClose a, ResolveContext ctx) {
        long delay = ctx.values().wholeMillis("delay", a.delay(), 1);
        return new Toxic("slow_close", Map.of("delay_ms", delay),
                (toxics, name, d) -> toxics.slowClose(name, d, delay));
    }
}
