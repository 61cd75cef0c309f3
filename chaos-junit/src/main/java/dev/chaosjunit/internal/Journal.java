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
import dev.chaosjunit.report.JournalSchema;
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
    public static final int SCHEMA = JournalSchema.VERSION;

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
        root.addProperty(JournalSchema.SCHEMA, SCHEMA);
        JsonObject test = new JsonObject();
        test.addProperty(JournalSchema.CLASS, context.getRequiredTestClass().getName());
        test.addProperty(JournalSchema.METHOD, context.getRequiredTestMethod().getName());
        test.addProperty(JournalSchema.DISPLAY_NAME, context.getDisplayName());
        test.addProperty(JournalSchema.UNIQUE_ID, context.getUniqueId());
        root.add(JournalSchema.TEST, test);
        root.addProperty(JournalSchema.RUN_ID, RunIds.runId());
        root.addProperty(JournalSchema.SEED, e.seed());
        root.addProperty(JournalSchema.STATUS, e.status().label());
        root.addProperty(JournalSchema.OUTCOME, failure.isPresent() ? JournalSchema.FAILED : JournalSchema.PASSED);
        root.addProperty(JournalSchema.FAILURE, failure.map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse(null));
        root.add(JournalSchema.HALT, e.haltReason().map(r -> {
            JsonObject h = new JsonObject();
            h.addProperty(JournalSchema.REASON, r);
            h.addProperty(JournalSchema.PHASE, e.haltPhase().map(Phase::label).orElse(null));
            h.addProperty(JournalSchema.AT, e.haltAt().map(Instant::toString).orElse(null));
            return (JsonElement) h;
        }).orElse(JsonNull.INSTANCE));
        root.addProperty(JournalSchema.WINDOW, e.declarations().window().map(Durations::format).orElse(null));

        JsonObject config = new JsonObject();
        ChaosConfig c = e.config();
        config.addProperty(JournalSchema.ENABLED, c.enabled());
        config.addProperty(JournalSchema.DRY_RUN, c.dryRun());
        config.addProperty(JournalSchema.TOXIPROXY, backend);
        config.addProperty(JournalSchema.JOURNAL_DIR, c.journalDir().toString());
        config.addProperty(JournalSchema.EXPIRY, Durations.format(c.expiry()));
        root.add(JournalSchema.CONFIG, config);

        JsonObject versions = new JsonObject();
        versions.addProperty(JournalSchema.CHAOS_JUNIT, chaosJunitVersion());
        versions.addProperty(JournalSchema.JUNIT_JUPITER, org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        versions.addProperty(JournalSchema.JAVA, System.getProperty("java.version"));
        root.add(JournalSchema.VERSIONS, versions);

        JsonArray phases = new JsonArray();
        Map<Phase, Instant> starts = e.phaseStarts();
        Map<Phase, Instant> ends = e.phaseEnds();
        for (Phase p : Phase.values()) {
            if (starts.containsKey(p)) {
                JsonObject o = new JsonObject();
                o.addProperty(JournalSchema.PHASE, p.label());
                o.addProperty(JournalSchema.START, starts.get(p).toString());
                o.addProperty(JournalSchema.END, ends.containsKey(p) ? ends.get(p).toString() : null);
                o.addProperty(JournalSchema.DURATION_MS, ends.containsKey(p)
                        ? java.time.Duration.between(starts.get(p), ends.get(p)).toMillis() : null);
                phases.add(o);
            }
        }
        root.add(JournalSchema.PHASES, phases);

        JsonArray faults = new JsonArray();
        for (ResolvedFault f : e.declarations().faults()) {
            JsonObject o = new JsonObject();
            o.addProperty(JournalSchema.INDEX, f.index());
            o.addProperty(JournalSchema.ANNOTATION, f.annotation());
            o.addProperty(JournalSchema.LOCATION, f.location());
            o.addProperty(JournalSchema.KIND, f.spec().kind());
            o.addProperty(JournalSchema.TARGET, f.spec().target());
            JsonObject s = new JsonObject();
            s.addProperty(JournalSchema.AFTER, Durations.format(f.spec().schedule().after()));
            s.addProperty(JournalSchema.DURATION, f.spec().schedule().duration().map(Durations::format).orElse(null));
            s.addProperty(JournalSchema.EVERY, f.spec().schedule().every().map(Durations::format).orElse(null));
            o.add(JournalSchema.SCHEDULE, s);
            JsonObject attrs = new JsonObject();
            f.spec().attributes().forEach((k, v) -> attrs.add(k, value(v)));
            o.add(JournalSchema.ATTRIBUTES, attrs);
            faults.add(o);
        }
        root.add(JournalSchema.FAULTS, faults);

        JsonArray timeline = new JsonArray();
        for (FaultEvent ev : e.timeline()) {
            JsonObject o = new JsonObject();
            o.addProperty(JournalSchema.AT, ev.at().toString());
            o.addProperty(JournalSchema.OFFSET_MS, ev.offset().toMillis());
            o.addProperty(JournalSchema.FAULT, ev.fault());
            o.addProperty(JournalSchema.DESCRIPTION, ev.description());
            o.addProperty(JournalSchema.OCCURRENCE, ev.occurrence());
            o.addProperty(JournalSchema.ACTION, ev.action().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty(JournalSchema.DETAIL, ev.detail());
            timeline.add(o);
        }
        root.add(JournalSchema.TIMELINE, timeline);

        JsonArray checks = new JsonArray();
        for (Verdict v : e.verdicts()) {
            JsonObject o = new JsonObject();
            o.addProperty(JournalSchema.CHECK, v.check());
            o.addProperty(JournalSchema.PHASE, v.phase().label());
            o.addProperty(JournalSchema.STATUS, v.status().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty(JournalSchema.MESSAGE, v.message());
            o.add(JournalSchema.DETAILS, details(v.detailsJson()));
            checks.add(o);
        }
        root.add(JournalSchema.CHECKS, checks);

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
                o.addProperty(JournalSchema.CHECK, check.name());
                o.add(JournalSchema.VALUE, details(json));
                data.add(o);
            }
        }
        root.add(JournalSchema.DATA, data);
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
