package dev.chaosjunit.report;

import static dev.chaosjunit.report.JournalSchema.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns experiment journals into pages people look at: one HTML page per test (charts of throughput, errors and
 * latency per second with the phases and fault windows shaded, then the verdicts, faults and timeline) and an
 * {@code index.html} per journal directory. Self-contained: inline SVG and CSS, no script, nothing fetched.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** Index rows of the journals written in this JVM, per journal directory, in the order tests finished. */
    private static final Map<Path, Map<Path, String>> ROWS = new LinkedHashMap<>();
    private static final Map<Path, Long> LAST_INDEX_WRITE = new HashMap<>();
    private static final long INDEX_INTERVAL_NANOS = 1_000_000_000L;
    private static boolean hooked;

    /**
     * Writes the page of one journal next to it ({@code x.json} gives {@code x.html}) and lists it in
     * {@code root/index.html}; returns the page's path. The index is rewritten at most once a second, from memory,
     * and a last time when the JVM exits, so a suite of thousands of tests pays nothing for it.
     */
    public static Path write(Path journalFile, JsonObject journal, Path root) throws IOException {
        String name = journalFile.getFileName().toString().replaceFirst("\\.json$", "") + ".html";
        Path page = journalFile.resolveSibling(name);
        writeAtomically(page, page(journal));
        addToIndex(root.toAbsolutePath().normalize(), page.toAbsolutePath().normalize(), journal);
        return page;
    }

    private static synchronized void addToIndex(Path root, Path page, JsonObject j) throws IOException {
        JsonObject test = j.getAsJsonObject(TEST);
        String outcome = str(j, OUTCOME);
        String href = page.startsWith(root) ? root.relativize(page).toString() : page.toUri().toString();
        String row = "<tr class=\"" + (PASSED.equals(outcome) ? "ok" : "bad") + "\"><td>"
                + esc(simple(str(test, CLASS))) + "</td><td><a href=\"" + esc(href) + "\">"
                + esc(str(test, DISPLAY_NAME)) + "</a></td><td>" + esc(outcome) + "</td><td>" + esc(str(j, STATUS))
                + "</td><td>" + j.getAsJsonArray(FAULTS).size() + "</td><td>" + countFailed(j.getAsJsonArray(CHECKS))
                + " / " + j.getAsJsonArray(CHECKS).size() + "</td><td><code>" + esc(str(j, SEED))
                + "</code></td></tr>\n";
        ROWS.computeIfAbsent(root, r -> new LinkedHashMap<>()).put(page, row);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(HtmlReport::writeIndexes, "chaos-junit-report-index"));
        }
        long now = System.nanoTime();
        Long last = LAST_INDEX_WRITE.get(root);
        if (last == null || now - last >= INDEX_INTERVAL_NANOS) {
            writeIndex(root);
        }
    }

    private static synchronized void writeIndexes() {
        for (Path root : ROWS.keySet()) {
            try {
                writeIndex(root);
            } catch (IOException | RuntimeException e) {
                System.err.println("chaos-junit: could not write " + root.resolve("index.html") + ": " + e);
            }
        }
    }

    private static void writeIndex(Path root) throws IOException {
        Map<Path, String> rows = ROWS.getOrDefault(root, Map.of());
        long failed = rows.values().stream().filter(r -> r.startsWith("<tr class=\"bad\"")).count();
        StringBuilder html = new StringBuilder(head("chaos-junit report"));
        html.append("<h1>chaos-junit report</h1>\n<p>").append(rows.size()).append(" experiment(s) in <code>")
                .append(esc(root.toString())).append("</code>; ").append(failed).append(" not passed.</p>\n")
                .append("<table><tr><th>class</th><th>test</th><th>outcome</th><th>status</th><th>faults</th>")
                .append("<th>failed checks</th><th>seed</th></tr>\n");
        rows.values().forEach(html::append);
        html.append("</table>\n</body></html>\n");
        Files.createDirectories(root);
        writeAtomically(root.resolve("index.html"), html.toString());
        LAST_INDEX_WRITE.put(root, System.nanoTime());
    }

    /** Readers (a browser, a parallel test's index) never see half a file. */
    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The HTML page of one journal. */
    public static String page(JsonObject j) {
        JsonObject test = j.getAsJsonObject(TEST);
        String title = simple(str(test, CLASS)) + "." + str(test, DISPLAY_NAME);
        StringBuilder sb = new StringBuilder(head(title));
        String outcome = str(j, OUTCOME);
        sb.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"").append(PASSED.equals(outcome) ? "ok" : "bad")
                .append("\"><b>").append(esc(outcome)).append("</b> &middot; status ").append(esc(str(j, STATUS)))
                .append(" &middot; seed <code>").append(esc(str(j, SEED))).append("</code> (rerun with <code>-Dchaos.seed=")
                .append(esc(str(j, SEED))).append("</code>) &middot; window ").append(esc(str(j, WINDOW)))
                .append("</p>\n");
        if (j.has(FAILURE) && !j.get(FAILURE).isJsonNull()) {
            sb.append("<pre class=\"failure\">").append(esc(j.get(FAILURE).getAsString())).append("</pre>\n");
        }
        SvgChart.Timebase tb = SvgChart.Timebase.of(j);
        JsonArray loads = j.has(DATA) ? j.getAsJsonArray(DATA) : new JsonArray();
        for (JsonElement e : loads) {
            JsonObject d = e.getAsJsonObject();
            if (!d.has(VALUE) || !d.get(VALUE).isJsonObject()) {
                continue;
            }
            JsonObject v = d.getAsJsonObject(VALUE);
            if (!v.has(SECONDS)) {
                continue;
            }
            JsonArray seconds = v.getAsJsonArray(SECONDS);
            sb.append("<h2>").append(esc(str(d, CHECK))).append("</h2>\n");
            sb.append(SvgChart.chart(tb, j, seconds, "requests/s", new String[] {COUNT, ERRORS, DROPPED},
                    new String[] {"#1f77b4", "#d62728", "#9467bd"}, new String[] {"completed", "errors", "dropped"}));
            sb.append(SvgChart.chart(tb, j, seconds, "latency (ms, corrected)", new String[] {P50_MS, P99_MS, MAX_MS},
                    new String[] {"#2ca02c", "#ff7f0e", "#7f7f7f"}, new String[] {"p50", "p99", "max"}));
        }
        if (loads.size() == 0 && tb.valid()) {
            sb.append(SvgChart.chart(tb, j, new JsonArray(), "phases and faults", new String[0], new String[0], new String[0]));
        }
        sb.append("<h2>Verdicts</h2>\n<table><tr><th>phase</th><th>check</th><th>verdict</th><th>message</th></tr>\n");
        for (JsonElement e : j.getAsJsonArray(CHECKS)) {
            JsonObject c = e.getAsJsonObject();
            String status = str(c, STATUS);
            sb.append("<tr class=\"").append("fail".equals(status) ? "bad" : "pass".equals(status) ? "ok" : "")
                    .append("\"><td>").append(esc(str(c, PHASE))).append("</td><td>").append(esc(str(c, CHECK)))
                    .append("</td><td>").append(esc(status)).append("</td><td>").append(esc(str(c, MESSAGE)))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Faults</h2>\n<table><tr><th>#</th><th>annotation</th><th>schedule</th>"
                + "<th>attributes</th></tr>\n");
        for (JsonElement e : j.getAsJsonArray(FAULTS)) {
            JsonObject f = e.getAsJsonObject();
            sb.append("<tr><td>").append(esc(str(f, INDEX))).append("</td><td>").append(esc(str(f, ANNOTATION)))
                    .append("<br><small>").append(esc(str(f, LOCATION))).append("</small></td><td><code>")
                    .append(esc(String.valueOf(f.get(SCHEDULE)))).append("</code></td><td><code>")
                    .append(esc(String.valueOf(f.get(ATTRIBUTES)))).append("</code></td></tr>\n");
        }
        sb.append("</table>\n<h2>Timeline</h2>\n<table><tr><th>+ms</th><th>action</th><th>fault</th><th>detail</th></tr>\n");
        for (JsonElement e : j.getAsJsonArray(TIMELINE)) {
            JsonObject t = e.getAsJsonObject();
            sb.append("<tr><td>").append(esc(str(t, OFFSET_MS))).append("</td><td>").append(esc(str(t, ACTION)))
                    .append("</td><td>").append(esc(str(t, DESCRIPTION))).append("</td><td>")
                    .append(esc(str(t, DETAIL))).append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Run</h2>\n<pre>").append(esc("config   " + j.get(CONFIG) + "\nversions "
                + j.get(VERSIONS) + "\nrunId    " + str(j, RUN_ID))).append("</pre>\n</body></html>\n");
        return sb.toString();
    }

    private static int countFailed(JsonArray checks) {
        int n = 0;
        for (JsonElement e : checks) {
            if ("fail".equals(str(e.getAsJsonObject(), "status"))) {
                n++;
            }
        }
        return n;
    }

    static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static String simple(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}"
                + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:4px 8px;"
                + "text-align:left;vertical-align:top}th{background:#f6f6f6}tr.bad td{background:#fdecea}"
                + "tr.ok td:nth-child(3){color:#2a7a2a}p.bad b{color:#c62828}p.ok b{color:#2a7a2a}"
                + "pre.failure{background:#fdecea;padding:8px;white-space:pre-wrap}svg{display:block;margin:4px 0 12px}"
                + ".axis{stroke:#888}.grid{stroke:#eee}.tick{font-size:11px;fill:#666}.legend{font-size:12px;fill:#333}"
                + ".phase{font-size:11px;fill:#777}</style></head><body>\n";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
