package dev.chaosjunit.toxiproxy;

import dev.chaosjunit.toxiproxy.internal.Log;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging of the standalone jar (never of an embedded server, whose host decides): one line per record on standard
 * output, as {@code toxiproxy-server} writes, at the level of {@code LOG_LEVEL} ({@code trace}, {@code debug},
 * {@code info}, {@code warn}, {@code error}, {@code fatal}, {@code panic}, {@code disabled}; default {@code debug}).
 */
final class StandaloneLogging {
    /** Kept here so the JDK's log manager cannot collect the configured logger and forget its level. */
    private static Logger configured;

    private StandaloneLogging() {
    }

    /** Configures JUL (the System.Logger backend); returns a problem with the level to report, or null. */
    static String configure(String levelName, PrintStream out) {
        String problem = null;
        Level level = Level.FINE;
        if (levelName != null && !levelName.isBlank()) {
            Level parsed = parse(levelName);
            if (parsed == null) {
                problem = "unknown LOG_LEVEL value: \"" + levelName + "\" (valid: trace, debug, info, warn, error, "
                        + "fatal, panic, disabled); using debug";
            } else {
                level = parsed;
            }
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    out.print(getFormatter().format(record));
                    out.flush();
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        handler.setFormatter(new LineFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        configured = Logger.getLogger(Log.ROOT);
        configured.setLevel(level);
        return problem;
    }

    static Level parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "trace": return Level.FINEST;
            case "debug": return Level.FINE;
            case "info": return Level.INFO;
            case "warn": case "warning": return Level.WARNING;
            case "error": case "fatal": case "panic": return Level.SEVERE;
            case "disabled": case "off": case "none": return Level.OFF;
            default: return null;
        }
    }

    /** {@code 2026-12-01T21:40:00.123Z INFO message}, with a stack trace when there is one. */
    private static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128)
                    .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(levelName(record.getLevel())).append(' ')
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String levelName(Level level) {
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (value >= Level.WARNING.intValue()) {
                return "WARN";
            }
            if (value >= Level.INFO.intValue()) {
                return "INFO";
            }
            return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }
}
