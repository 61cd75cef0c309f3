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

    private final BoundProxy proxy;
    private final Schedule schedule;

    TakeDownSpec(BoundProxy proxy, Schedule schedule) {
        this.proxy = proxy;
        this.schedule = schedule;
    }

    @Override
    public String kind() {
        return "take-down";
    }

    @Override
    public String target() {
        return proxy.name();
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("proxy", proxy.name());
    }

    @Override
    public Set<String> exclusiveKeys() {
        return Set.of("availability of proxy \"" + proxy.name() + "\"");
    }

    @Override
    public ActiveFault inject(FaultRuntime runtime) throws Exception {
        Proxy p = proxy.proxy();
        p.disable();
        return p::enable;
    }
}
