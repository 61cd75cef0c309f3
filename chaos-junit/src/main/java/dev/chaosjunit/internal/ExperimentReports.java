package dev.chaosjunit.internal;

import com.google.gson.JsonObject;
import dev.chaosjunit.report.HtmlReport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test: its journal, its HTML page and the index, and the summary published with
 * {@code publishReportEntry} so Surefire's XML carries it. The report index is announced once per directory.
 */
public final class ExperimentReports {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");
    /** Journal directories whose report index was announced once (INFO) in this JVM. */
    private static final Set<Path> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private ExperimentReports() {
    }

    /** Writes everything for the finished test in {@code context}; a failed report never fails the test. */
    public static void write(ExtensionContext context, Experiment experiment, String backendDescription) {
        JsonObject doc = Journal.document(context, experiment, context.getExecutionException(), backendDescription);
        Journal.write(experiment.journal(), doc);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("chaos.seed", Long.toString(experiment.seed()));
        entry.put("chaos.status", experiment.status().label());
        entry.put("chaos.journal", experiment.journal().toString());
        entry.put("chaos.summary", experiment.declarations().faults().size() + " fault(s), "
                + experiment.timeline().size() + " timeline event(s), " + experiment.verdicts().size()
                + " verdict(s)");
        Path dir = experiment.config().journalDir();
        String report = page(experiment.journal(), doc, dir);
        if (report != null) {
            entry.put("chaos.report", report);
        }
        context.publishReportEntry(entry);
        if (report != null && ANNOUNCED.add(dir.toAbsolutePath())) {
            LOG.log(Level.INFO, "chaos-junit: report index " + dir.toAbsolutePath().resolve("index.html"));
        }
        LOG.log(Level.DEBUG, "chaos-junit: " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + "(): journal " + experiment.journal().toAbsolutePath()
                + (report == null ? "" : ", report " + report));
    }

    private static String page(Path journal, JsonObject doc, Path journalDir) {
        try {
            return HtmlReport.write(journal, doc, journalDir).toAbsolutePath().toString();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "chaos-junit: could not write the HTML report for " + journal + ": " + e);
            return null;
        }
    }
}
