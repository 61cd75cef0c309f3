package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultRuntime;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.Schedule;
import eu.rekawek.toxiproxy.Proxy;
import java.util.Map;
import java.util.Set;

/** A proxy disabled for a while. */
final class TakeDownSpec implements FaultSpec {

    private final String proxy;
    private final Schedule schedule;

    TakeDownSpec(String proxy, Schedule schedule) {
        this.proxy = proxy;
        this.schedule = schedule;
    }

    @Override
    public String kind() {
        return "take-down";
    }

    @Override
    public String target() {
        return proxy;
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("proxy", proxy);
    }

    @Override
    public Set<String> exclusiveKeys() {
        return Set.of("availability of proxy \"" + proxy + "\"");
    }

    @Override
    public ActiveFault inject(FaultRuntime runtime) throws Exception {
        Proxy p = ProxyView.of(runtime.extensionContext()).proxy(proxy);
        p.disable();
        return p::enable;
    }
}
