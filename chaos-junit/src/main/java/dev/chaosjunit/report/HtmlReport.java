package dev.chaosjunit.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;

/**
 * Turns experiment journals into pages people look at: one HTML page per test (charts of throughput, errors and
 * latency per second with the phases and fault windows shaded, then the verdicts, faults and timeline) and an
 * {@code index.html} per journal directory. Self-contained: inline SVG and CSS, no script, nothing fetched.
 */
public final class HtmlReport {

    private static final int W = 960;
    private static final int H = 220;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;

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
        JsonObject test = j.getAsJsonObject("test");
        String outcome = str(j, "outcome");
        String href = page.startsWith(root) ? root.relativize(page).toString() : page.toUri().toString();
        String row = "<tr class=\"" + ("passed".equals(outcome) ? "ok" : "bad") + "\"><td>"
                + esc(simple(str(test, "class"))) + "</td><td><a href=\"" + esc(href) + "\">"
                + esc(str(test, "displayName")) + "</a></td><td>" + esc(outcome) + "</td><td>" + esc(str(j, "status"))
                + "</td><td>" + j.getAsJsonArray("faults").size() + "</td><td>" + countFailed(j.getAsJsonArray("checks"))
                + " / " + j.getAsJsonArray("checks").size() + "</td><td><code>" + esc(str(j, "seed"))
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
        JsonObject test = j.getAsJsonObject("test");
        String title = simple(str(test, "class")) + "." + str(test, "displayName");
        StringBuilder sb = new StringBuilder(head(title));
        String outcome = str(j, "outcome");
        sb.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"").append("passed".equals(outcome) ? "ok" : "bad")
                .append("\"><b>").append(esc(outcome)).append("</b> &middot; status ").append(esc(str(j, "status")))
                .append(" &middot; seed <code>").append(esc(str(j, "seed"))).append("</code> (rerun with <code>-Dchaos.seed=")
                .append(esc(str(j, "seed"))).append("</code>) &middot; window ").append(esc(str(j, "window")))
                .append("</p>\n");
        if (j.has("failure") && !j.get("failure").isJsonNull()) {
            sb.append("<pre class=\"failure\">").append(esc(j.get("failure").getAsString())).append("</pre>\n");
        }
        Timebase tb = Timebase.of(j);
        JsonArray loads = j.has("data") ? j.getAsJsonArray("data") : new JsonArray();
        for (JsonElement e : loads) {
            JsonObject d = e.getAsJsonObject();
            if (!d.has("value") || !d.get("value").isJsonObject()) {
                continue;
            }
            JsonObject v = d.getAsJsonObject("value");
            if (!v.has("seconds")) {
                continue;
            }
            JsonArray seconds = v.getAsJsonArray("seconds");
            sb.append("<h2>").append(esc(str(d, "check"))).append("</h2>\n");
            sb.append(chart(tb, j, seconds, "requests/s", new String[] {"count", "errors", "dropped"},
                    new String[] {"#1f77b4", "#d62728", "#9467bd"}, new String[] {"completed", "errors", "dropped"}));
            sb.append(chart(tb, j, seconds, "latency (ms, corrected)", new String[] {"p50Ms", "p99Ms", "maxMs"},
                    new String[] {"#2ca02c", "#ff7f0e", "#7f7f7f"}, new String[] {"p50", "p99", "max"}));
        }
        if (loads.size() == 0 && tb.valid()) {
            sb.append(chart(tb, j, new JsonArray(), "phases and faults", new String[0], new String[0], new String[0]));
        }
        sb.append("<h2>Verdicts</h2>\n<table><tr><th>phase</th><th>check</th><th>verdict</th><th>message</th></tr>\n");
        for (JsonElement e : j.getAsJsonArray("checks")) {
            JsonObject c = e.getAsJsonObject();
            String status = str(c, "status");
            sb.append("<tr class=\"").append("fail".equals(status) ? "bad" : "pass".equals(status) ? "ok" : "")
                    .append("\"><td>").append(esc(str(c, "phase"))).append("</td><td>").append(esc(str(c, "check")))
                    .append("</td><td>").append(esc(status)).append("</td><td>").append(esc(str(c, "message")))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Faults</h2>\n<table><tr><th>#</th><th>annotation</th><th>schedule</th>"
                + "<th>attributes</th></tr>\n");
        for (JsonElement e : j.getAsJsonArray("faults")) {
            JsonObject f = e.getAsJsonObject();
            sb.append("<tr><td>").append(esc(str(f, "index"))).append("</td><td>").append(esc(str(f, "annotation")))
                    .append("<br><small>").append(esc(str(f, "location"))).append("</small></td><td><code>")
                    .append(esc(String.valueOf(f.get("schedule")))).append("</code></td><td><code>")
                    .append(esc(String.valueOf(f.get("attributes")))).append("</code></td></tr>\n");
        }
        sb.append("</table>\n<h2>Timeline</h2>\n<table><tr><th>+ms</th><th>action</th><th>fault</th><th>detail</th></tr>\n");
        for (JsonElement e : j.getAsJsonArray("timeline")) {
            JsonObject t = e.getAsJsonObject();
            sb.append("<tr><td>").append(esc(str(t, "offsetMs"))).append("</td><td>").append(esc(str(t, "action")))
                    .append("</td><td>").append(esc(str(t, "description"))).append("</td><td>")
                    .append(esc(str(t, "detail"))).append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Run</h2>\n<pre>").append(esc("config   " + j.get("config") + "\nversions "
                + j.get("versions") + "\nrunId    " + str(j, "runId"))).append("</pre>\n</body></html>\n");
        return sb.toString();
    }

    /** Maps instants to x pixels: from the start of the first phase to the end of the last. */
    private static final class Timebase {
        final double start;
        final double end;

        Timebase(double start, double end) {
            this.start = start;
            this.end = end;
        }

        static Timebase of(JsonObject j) {
            double start = Double.NaN;
            double end = Double.NaN;
            for (JsonElement e : j.getAsJsonArray("phases")) {
                JsonObject p = e.getAsJsonObject();
                double s = seconds(str(p, "start"));
                double en = seconds(str(p, "end"));
                start = Double.isNaN(start) ? s : Math.min(start, s);
                end = Double.isNaN(end) ? en : Math.max(end, en);
            }
            return new Timebase(start, end);
        }

        boolean valid() {
            return !Double.isNaN(start) && end > start;
        }

        double x(double t) {
            double frac = (t - start) / (end - start);
            return LEFT + Math.max(0, Math.min(1, frac)) * (W - LEFT - RIGHT);
        }
    }

    private static String chart(Timebase tb, JsonObject j, JsonArray seconds, String title, String[] fields,
            String[] colors, String[] labels) {
        if (!tb.valid()) {
            return "";
        }
        double max = 0;
        for (JsonElement e : seconds) {
            JsonObject s = e.getAsJsonObject();
            for (String f : fields) {
                if (s.has(f)) {
                    max = Math.max(max, s.get(f).getAsDouble());
                }
            }
        }
        max = niceCeiling(max);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\" aria-label=\"")
                .append(esc(title)).append("\">\n");
        int plotBottom = H - BOTTOM;
        // phases
        for (JsonElement e : j.getAsJsonArray("phases")) {
            JsonObject p = e.getAsJsonObject();
            double x0 = tb.x(seconds(str(p, "start")));
            double x1 = tb.x(seconds(str(p, "end")));
            String phase = str(p, "phase");
            String fill = "during".equals(phase) ? "#fdecea" : "after".equals(phase) ? "#eaf6ea" : "#f2f2f2";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"phase\">%s</text>%n", x0, TOP, Math.max(0, x1 - x0),
                    plotBottom - TOP, fill, x0 + 3, TOP + 12, esc(phase)));
        }
        // fault windows: from each injection to its revert
        JsonArray timeline = j.getAsJsonArray("timeline");
        for (JsonElement e : timeline) {
            JsonObject t = e.getAsJsonObject();
            if (!"injected".equals(str(t, "action"))) {
                continue;
            }
            double from = seconds(str(t, "at"));
            double to = tb.end;
            for (JsonElement r : timeline) {
                JsonObject rv = r.getAsJsonObject();
                if (("reverted".equals(str(rv, "action")) || "revert_failed".equals(str(rv, "action")))
                        && str(rv, "fault").equals(str(t, "fault")) && str(rv, "occurrence").equals(str(t, "occurrence"))) {
                    to = seconds(str(rv, "at"));
                }
            }
            double x0 = tb.x(from);
            double x1 = tb.x(to);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#d62728\" fill-opacity=\"0.12\" stroke=\"#d62728\" stroke-dasharray=\"3,2\"><title>%s"
                    + "</title></rect>%n", x0, TOP + 16, Math.max(1, x1 - x0), plotBottom - TOP - 16,
                    esc(str(t, "description"))));
        }
        // axes
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>%n", LEFT, TOP, LEFT, plotBottom, LEFT,
                plotBottom, W - RIGHT, plotBottom));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = plotBottom - (plotBottom - TOP) * (i / 4.0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>"
                    + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>%n", LEFT - 4, y + 4,
                    number(v), LEFT, y, W - RIGHT, y));
        }
        double span = tb.end - tb.start;
        double step = span <= 10 ? 1 : span <= 30 ? 5 : span <= 120 ? 10 : 60;
        for (double t = 0; t <= span + 1e-9; t += step) {
            double x = tb.x(tb.start + t);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%ss"
                    + "</text>%n", x, H - 10, number(t)));
        }
        // series: one point per second, at the second's middle
        for (int k = 0; k < fields.length; k++) {
            StringBuilder points = new StringBuilder();
            for (JsonElement e : seconds) {
                JsonObject s = e.getAsJsonObject();
                if (!s.has(fields[k])) {
                    continue;
                }
                double t = s.get("t").getAsDouble() / 1000.0 + 0.5;
                double v = s.get(fields[k]).getAsDouble();
                double y = max == 0 ? plotBottom : plotBottom - (plotBottom - TOP) * (v / max);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", tb.x(t), y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colors[k]).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"15\" class=\"legend\">%s</text>%n", LEFT + 10 + k * 110, colors[k],
                    LEFT + 24 + k * 110, esc(labels[k])));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" class=\"legend\" text-anchor=\"end\">%s</text>%n",
                W - RIGHT, esc(title)));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Epoch seconds of an ISO instant; a phase that never ended (an interrupted test) ends "now". */
    private static double seconds(String instant) {
        Instant i = instant == null || instant.isEmpty() ? Instant.now() : Instant.parse(instant);
        return i.getEpochSecond() + i.getNano() / 1e9;
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

    private static String str(JsonObject o, String key) {
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
