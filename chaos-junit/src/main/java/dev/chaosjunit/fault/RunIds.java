package dev.chaosjunit.fault;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of things chaos-junit creates outside the JVM: {@code chaos-junit.<runId>.<expiresEpochSeconds>.<what>}.
 * The run id is fixed per JVM; the expiry lets a later run's janitor remove leftovers of a crashed one.
 */
public final class RunIds {

    public static final String PREFIX = "chaos-junit.";
    private static final Pattern NAME = Pattern.compile("chaos-junit\\.([0-9a-f]{8})\\.(\\d{1,12})\\..+");
    private static final String RUN_ID;
    private static final AtomicLong COUNTER = new AtomicLong();

    static {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        RUN_ID = HexFormat.of().formatHex(b);
    }

    private RunIds() {
    }

    /** This JVM's run id (8 hex digits). */
    public static String runId() {
        return RUN_ID;
    }

    /** A fresh name: {@code chaos-junit.<runId>.<expires>.<what>-<n>}. */
    public static String name(Instant expires, String what) {
        return PREFIX + RUN_ID + "." + expires.getEpochSecond() + "." + what + "-" + COUNTER.incrementAndGet();
    }

    /** The expiry encoded in a name made by {@link #name}, or empty if the name is not one of ours. */
    public static Optional<Instant> expiryOf(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(2)))) : Optional.empty();
    }

    /** The run id encoded in a name made by {@link #name}, or empty. */
    public static Optional<String> runIdOf(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
