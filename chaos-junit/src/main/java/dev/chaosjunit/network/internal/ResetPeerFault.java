package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.ResetPeer;
import java.util.Map;

/** {@link ResetPeer}: Toxiproxy's {@code reset_peer} toxic. */
public final class ResetPeerFault extends ToxicFault<ResetPeer> {

    @Override
    Common common(ResetPeer a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(ResetPeer a, ResolveContext ctx) {
        long timeout = ctx.values().wholeMillis("timeout", a.timeout(), 0);
        return new Toxic("reset_peer", Map.of("timeout_ms", timeout),
                (toxics, name, d) -> toxics.resetPeer(name, d, timeout));
    }
}
