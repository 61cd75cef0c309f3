package dev.chaosjunit.internal;

import dev.chaosjunit.fault.RunIds;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Writes one experiment's journal (schema in {@code docs/journal.md}). */
public final class Journal {

    /** The journal schema version. */
    public static final int SCHEMA = 1;

    private Journal() {
    }

    /** The path of a test's journal: {@code <dir>/<class name>/<method>[-<n>].json}. */
    public static Path pathFor(ChaosConfig config, ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        String uid = context.getUniqueId();
        int hash = uid.lastIndexOf("#");
        String suffix = "";
        if (uid.endsWith("]") && hash > 0) {
            suffix = "-" + uid.substring(hash + 1, uid.length() - 1).replaceAll("[^A-Za-z0-9_-]", "_");
        }
        return config.journalDir().resolve(context.getRequiredTestClass().getName()).resolve(method + suffix + ".json");
    }

    /** Builds the journal document. */
    public static JsonObject document(ExtensionContext context, Experiment e, Optional<Throwable> failure,
            String backend) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", SCHEMA);
        JsonObject test = new JsonObject();
        test.addProperty("class", context.getRequiredTestClass().getName());
        test.addProperty("method", context.getRequiredTestMethod().getName());
        test.addProperty("displayName", context.getDisplayName());
        test.addProperty("uniqueId", context.getUniqueId());
        root.add("test", test);
        root.addProperty("runId", RunIds.runId());
        root.addProperty("seed", e.seed());
        root.addProperty("status", e.status());
        root.addProperty("outcome", failure.isPresent() ? "failed" : "passed");
        root.addProperty("failure", failure.map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse(null));
        root.add("halt", e.haltReason().map(r -> {
            JsonObject h = new JsonObject();
            h.addProperty("reason", r);
            h.addProperty("phase", e.haltPhase().map(Phase::label).orElse(null));
            h.addProperty("at", e.haltAt().map(Instant::toString).orElse(null));
            return (JsonElement) h;
        }).orElse(JsonNull.INSTANCE));
        root.addProperty("window", e.declarations().window().map(Durations::format).orElse(null));

        JsonObject config = new JsonObject();
        ChaosConfig c = e.config();
        config.addProperty("enabled", c.enabled());
        config.addProperty("dryRun", c.dryRun());
        config.addProperty("toxiproxy", backend);
        config.addProperty("journalDir", c.journalDir().toString());
        config.addProperty("expiry", Durations.format(c.expiry()));
        root.add("config", config);

        JsonObject versions = new JsonObject();
        versions.addProperty("chaosJunit", chaosJunitVersion());
        versions.addProperty("junitJupiter", org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        versions.addProperty("java", System.getProperty("java.version"));
        root.add("versions", versions);

        JsonArray phases = new JsonArray();
        Map<Phase, Instant> starts = e.phaseStarts();
        Map<Phase, Instant> ends = e.phaseEnds();
        for (Phase p : Phase.values()) {
            if (starts.containsKey(p)) {
                JsonObject o = new JsonObject();
                o.addProperty("phase", p.label());
                o.addProperty("start", starts.get(p).toString());
                o.addProperty("end", ends.containsKey(p) ? ends.get(p).toString() : null);
                o.addProperty("durationMs", ends.containsKey(p)
                        ? java.time.Duration.between(starts.get(p), ends.get(p)).toMillis() : null);
                phases.add(o);
            }
        }
        root.add("phases", phases);

        JsonArray faults = new JsonArray();
        for (ResolvedFault f : e.declarations().faults()) {
            JsonObject o = new JsonObject();
            o.addProperty("index", f.index());
            o.addProperty("annotation", f.annotation());
            o.addProperty("location", f.location());
            o.addProperty("kind", f.spec().kind());
            o.addProperty("target", f.spec().target());
            JsonObject s = new JsonObject();
            s.addProperty("after", Durations.format(f.spec().schedule().after()));
            s.addProperty("duration", f.spec().schedule().duration().map(Durations::format).orElse(null));
            s.addProperty("every", f.spec().schedule().every().map(Durations::format).orElse(null));
            o.add("schedule", s);
            JsonObject attrs = new JsonObject();
            f.spec().attributes().forEach((k, v) -> attrs.add(k, value(v)));
            o.add("attributes", attrs);
            faults.add(o);
        }
        root.add("faults", faults);

        JsonArray timeline = new JsonArray();
        for (FaultEvent ev : e.timeline()) {
            JsonObject o = new JsonObject();
            o.addProperty("at", ev.at().toString());
            o.addProperty("offsetMs", ev.offset().toMillis());
            o.addProperty("fault", ev.fault());
            o.addProperty("description", ev.description());
            o.addProperty("occurrence", ev.occurrence());
            o.addProperty("action", ev.action().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty("detail", ev.detail());
            timeline.add(o);
        }
        root.add("timeline", timeline);

        JsonArray checks = new JsonArray();
        for (Verdict v : e.verdicts()) {
            JsonObject o = new JsonObject();
            o.addProperty("check", v.check());
            o.addProperty("phase", v.phase().label());
            o.addProperty("status", v.status().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty("message", v.message());
            o.add("details", details(v.detailsJson()));
            checks.add(o);
        }
        root.add("checks", checks);

        JsonArray data = new JsonArray();
        for (SteadyStateCheck check : e.declarations().checks()) {
            String json;
            try {
                json = check.journalData();
            } catch (RuntimeException ex) {
                json = null;
            }
            if (json != null) {
                JsonObject o = new JsonObject();
                o.addProperty("check", check.name());
                o.add("value", details(json));
                data.add(o);
            }
        }
        root.add("data", data);
        return root;
    }

    /** Writes the document to {@code path}. */
    public static void write(Path path, JsonObject document) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                    .toJson(document) + "\n", StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("chaos-junit could not write its journal to " + path, ex);
        }
    }

    private static JsonElement details(String json) {
        if (json == null) {
            return JsonNull.INSTANCE;
        }
        try {
            return JsonParser.parseString(json);
        } catch (JsonSyntaxException ex) {
            return new JsonPrimitive(json);
        }
    }

    private static JsonElement value(Object v) {
        if (v instanceof Number) {
            return new JsonPrimitive((Number) v);
        }
        if (v instanceof Boolean) {
            return new JsonPrimitive((Boolean) v);
        }
        return v == null ? JsonNull.INSTANCE : new JsonPrimitive(String.valueOf(v));
    }

    /** The version of chaos-junit, from the build. */
    public static String chaosJunitVersion() {
        try (InputStream in = Journal.class.getResourceAsStream("/dev/chaosjunit/chaos-junit-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException ex) {
            return "unknown";
        }
    }
}
