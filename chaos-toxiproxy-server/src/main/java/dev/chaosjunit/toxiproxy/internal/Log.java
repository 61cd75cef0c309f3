package dev.chaosjunit.toxiproxy.internal;

/**
 * The server's loggers (all under {@code dev.chaosjunit.toxiproxy}, so raising {@code dev.chaosjunit} raises them)
 * and the escaping every logged name goes through.
 */
public final class Log {
    /** The root logger name of this module. */
    public static final String ROOT = "dev.chaosjunit.toxiproxy";

    private Log() {
    }

    /** {@code dev.chaosjunit.toxiproxy} or {@code dev.chaosjunit.toxiproxy.<part>}. */
    public static System.Logger logger(String part) {
        return System.getLogger(part.isEmpty() ? ROOT : ROOT + "." + part);
    }

    /**
     * A name as it may appear in a log line: control characters (C0, DEL, C1, the Unicode line and paragraph
     * separators) written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, and the backslash doubled,
     * so a proxy named {@code "x\nforged line"} cannot start a log line of its own.
     */
    public static String safe(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escape(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\\': return "\\\\";
            default:
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
