package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultRuntime;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.Schedule;
import dev.chaosjunit.network.Direction;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A validated Toxiproxy toxic on one proxy, in one or both directions. */
final class ToxicSpec implements FaultSpec {

    /** Creates the toxic through toxiproxy-java. */
    @FunctionalInterface
    interface Creator {
        Toxic create(ToxicList toxics, String name, ToxicDirection direction) throws IOException;
    }

    private final String type;
    private final BoundProxy proxy;
    private final Direction stream;
    private final double toxicity;
    private final Map<String, Object> attributes;
    private final Schedule schedule;
    private final Creator creator;

    ToxicSpec(String type, BoundProxy proxy, Direction stream, double toxicity, Map<String, Object> attributes,
            Schedule schedule, Creator creator) {
        this.type = type;
        this.proxy = proxy;
        this.stream = stream;
        this.toxicity = toxicity;
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("proxy", proxy.name());
        all.put("toxic", type);
        all.put("stream", stream.name().toLowerCase(Locale.ROOT));
        all.put("toxicity", toxicity);
        all.putAll(attributes);
        this.attributes = java.util.Collections.unmodifiableMap(all);
        this.schedule = schedule;
        this.creator = creator;
    }

    @Override
    public String kind() {
        return type;
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
        return attributes;
    }

    @Override
    public Set<String> exclusiveKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (ToxicDirection d : directions()) {
            keys.add(type + " toxic on proxy \"" + proxy.name() + "\" (" + d.name().toLowerCase(Locale.ROOT) + ")");
        }
        return keys;
    }

    private List<ToxicDirection> directions() {
        switch (stream) {
            case UPSTREAM: return List.of(ToxicDirection.UPSTREAM);
            case DOWNSTREAM: return List.of(ToxicDirection.DOWNSTREAM);
            default: return List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM);
        }
    }

    @Override
    public ActiveFault inject(FaultRuntime runtime) throws Exception {
        Proxy p = proxy.proxy();
        List<Toxic> created = new ArrayList<>();
        try {
            for (ToxicDirection d : directions()) {
                String name = runtime.name()
                        + (stream == Direction.BOTH ? "-" + d.name().toLowerCase(Locale.ROOT) : "");
                Toxic toxic = creator.create(p.toxics(), name, d);
                created.add(toxic);
                if (toxicity < 1.0) {
                    toxic.setToxicity((float) toxicity);
                }
            }
        } catch (IOException | RuntimeException e) {
            remove(p, created);
            throw e;
        }
        return () -> remove(p, created);
    }

    /** Removes the toxics; a toxic (or proxy) that is already gone counts as removed. */
    private static void remove(Proxy p, List<Toxic> toxics) throws IOException {
        IOException failure = null;
        for (Toxic t : toxics) {
            try {
                t.remove();
            } catch (IOException e) {
                if (stillThere(p, t.getName())) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean stillThere(Proxy p, String toxic) {
        try {
            return p.toxics().getAll().stream().anyMatch(t -> t.getName().equals(toxic));
        } catch (IOException e) {
            return true;
        }
    }
}
