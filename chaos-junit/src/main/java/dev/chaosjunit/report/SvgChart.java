package dev.chaosjunit.report;

import static dev.chaosjunit.report.JournalSchema.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Locale;

/** One inline SVG chart of a report page: per-second series over the phases, with the fault windows shaded. */
final class SvgChart {

    private static final int W = 960;
    private static final int H = 220;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;

    private SvgChart() {
    }

    /** Maps instants to x pixels: from the start of the first phase to the end of the last. */
    static final class Timebase {
        final double start;
        final double end;

        Timebase(double start, double end) {
            this.start = start;
            this.end = end;
        }

        static Timebase of(JsonObject j) {
            double start = Double.NaN;
            double end = Double.NaN;
            for (JsonElement e : j.getAsJsonArray(PHASES)) {
                JsonObject p = e.getAsJsonObject();
                double s = seconds(HtmlReport.str(p, START));
                double en = seconds(HtmlReport.str(p, END));
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

    static String chart(Timebase tb, JsonObject j, JsonArray seconds, String title, String[] fields,
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
                .append(HtmlReport.esc(title)).append("\">\n");
        int plotBottom = H - BOTTOM;
        // phases
        for (JsonElement e : j.getAsJsonArray(PHASES)) {
            JsonObject p = e.getAsJsonObject();
            double x0 = tb.x(seconds(HtmlReport.str(p, START)));
            double x1 = tb.x(seconds(HtmlReport.str(p, END)));
            String phase = HtmlReport.str(p, PHASE);
            String fill = "during".equals(phase) ? "#fdecea" : "after".equals(phase) ? "#eaf6ea" : "#f2f2f2";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"phase\">%s</text>%n", x0, TOP, Math.max(0, x1 - x0),
                    plotBottom - TOP, fill, x0 + 3, TOP + 12, HtmlReport.esc(phase)));
        }
        // fault windows: from each injection to its revert
        JsonArray timeline = j.getAsJsonArray(TIMELINE);
        for (JsonElement e : timeline) {
            JsonObject t = e.getAsJsonObject();
            if (!"injected".equals(HtmlReport.str(t, ACTION))) {
                continue;
            }
            double from = seconds(HtmlReport.str(t, AT));
            double to = tb.end;
            for (JsonElement r : timeline) {
                JsonObject rv = r.getAsJsonObject();
                if (("reverted".equals(HtmlReport.str(rv, ACTION)) || "revert_failed".equals(HtmlReport.str(rv, ACTION)))
                        && HtmlReport.str(rv, FAULT).equals(HtmlReport.str(t, FAULT)) && HtmlReport.str(rv, OCCURRENCE).equals(HtmlReport.str(t, OCCURRENCE))) {
                    to = seconds(HtmlReport.str(rv, AT));
                }
            }
            double x0 = tb.x(from);
            double x1 = tb.x(to);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#d62728\" fill-opacity=\"0.12\" stroke=\"#d62728\" stroke-dasharray=\"3,2\"><title>%s"
                    + "</title></rect>%n", x0, TOP + 16, Math.max(1, x1 - x0), plotBottom - TOP - 16,
                    HtmlReport.esc(HtmlReport.str(t, DESCRIPTION))));
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
                double t = s.get(T).getAsDouble() / 1000.0 + 0.5;
                double v = s.get(fields[k]).getAsDouble();
                double y = max == 0 ? plotBottom : plotBottom - (plotBottom - TOP) * (v / max);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", tb.x(t), y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colors[k]).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"15\" class=\"legend\">%s</text>%n", LEFT + 10 + k * 110, colors[k],
                    LEFT + 24 + k * 110, HtmlReport.esc(labels[k])));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" class=\"legend\" text-anchor=\"end\">%s</text>%n",
                W - RIGHT, HtmlReport.esc(title)));
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
}
