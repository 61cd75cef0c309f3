package dev.chaosjunit.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** What the {@link Recorded} fault did, JVM-wide (fixtures run in the same JVM through EngineTestKit). */
public final class FaultLog {

    /** One recorded action. */
    public record Entry(String action, String name, String instance, Instant at, String thread) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static final java.util.Map<String, String> ACTIVE = new ConcurrentHashMap<>();

    private FaultLog() {
    }

    public static synchronized void clear() {
        ENTRIES.clear();
        ACTIVE.clear();
    }

    /** If set, every entry is also appended to this file (for tests that run a child JVM). */
    public static final String FILE_PROPERTY = "chaos.test.faultlog.file";

    static synchronized void add(String action, String name, String instance) {
        ENTRIES.add(new Entry(action, name, instance, Instant.now(), Thread.currentThread().getName()));
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(file), action + " " + name + " "
                        + Thread.currentThread().getName() + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (action.equals("inject")) {
            ACTIVE.put(instance, name);
        } else if (action.equals("revert")) {
            ACTIVE.remove(instance);
        }
    }

    public static synchronized List<Entry> entries() {
        return List.copyOf(ENTRIES);
    }

    /** {@code inject a}, {@code revert a}, ... */
    public static synchronized List<String> actions() {
        return ENTRIES.stream().map(e -> e.action() + " " + e.name()).collect(Collectors.toList());
    }

    public static synchronized List<Entry> entries(String action, String name) {
        return ENTRIES.stream().filter(e -> e.action().equals(action) && e.name().equals(name))
                .collect(Collectors.toList());
    }

    /** Instances injected and not reverted. */
    public static Set<String> active() {
        return Set.copyOf(ACTIVE.keySet());
    }

    /** Instances of the fault named {@code name} injected and not reverted. */
    public static Set<String> active(String name) {
        return ACTIVE.entrySet().stream().filter(e -> e.getValue().equals(name)).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
