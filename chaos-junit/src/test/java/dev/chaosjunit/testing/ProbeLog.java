package dev.chaosjunit.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What the {@link Probe} check saw. */
public final class ProbeLog {

    /** One callback. */
    public record Entry(String event, Instant at, Instant reported) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    private ProbeLog() {
    }

    public static synchronized void clear() {
        ENTRIES.clear();
    }

    static synchronized void add(String event, Instant reported) {
        ENTRIES.add(new Entry(event, Instant.now(), reported));
    }

    public static synchronized List<Entry> entries() {
        return List.copyOf(ENTRIES);
    }

    public static synchronized List<String> events() {
        return ENTRIES.stream().map(Entry::event).collect(Collectors.toList());
    }

    public static synchronized Entry get(String event) {
        return ENTRIES.stream().filter(e -> e.event().equals(event)).findFirst()
                .orElseThrow(() -> new AssertionError("no probe event " + event + " in " + events()));
    }
}
