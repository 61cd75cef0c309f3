package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.TakeDown;

/** {@link TakeDown}: the proxy is disabled (connections refused) for a while. */
public final class TakeDownFault extends ProxyFault<TakeDown> {

    @Override
    String proxyOf(TakeDown a) {
        return a.proxy();
    }

    @Override
    public FaultSpec resolve(TakeDown a, ResolveContext ctx) {
        return new TakeDownSpec(bind(ctx, a.proxy()), ctx.schedule(a.after(), a.duration(), a.every()));
    }
}
