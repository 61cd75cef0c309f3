package dev.chaosjunit.toxiproxy.internal.metrics;

/**
 * Writes the Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} once per family, then
 * samples {@code name{label="value",...} number}, label values escaped ({@code \\}, {@code \"}, {@code \n}).
 */
public final class PrometheusText {
    /** The {@code Content-Type} of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a metric family. */
    public PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A sample without labels. */
    public PrometheusText sample(String name, double value) {
        return sample(name, new String[0], value);
    }

    /** A sample; {@code labels} alternates names and values, names in the order to print them. */
    public PrometheusText sample(String name, String[] labels, double value) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '"') {
                out.append("\\\"");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
