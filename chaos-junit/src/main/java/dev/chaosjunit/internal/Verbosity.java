package dev.chaosjunit.internal;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code chaos.verbose=true}: shows the DEBUG lines of every logger named {@code dev.chaosjunit*} (the extension's
 * per-test lines, proxies, the embedded Toxiproxy server) on the console, through {@code java.util.logging}, the
 * default backend of {@link System.Logger}. A user's own logging configuration stays untouched otherwise.
 */
public final class Verbosity {

    /** Held so java.util.logging keeps the configured logger (it references loggers weakly). */
    private static Logger configured;

    private Verbosity() {
    }

    /** Undoes {@link #apply}: the {@code dev.chaosjunit} loggers follow the user's configuration again. */
    public static synchronized void reset() {
        if (configured == null) {
            return;
        }
        for (Handler h : configured.getHandlers()) {
            configured.removeHandler(h);
        }
        configured.setLevel(null);
        configured.setUseParentHandlers(true);
        configured = null;
    }

    /** Turns the DEBUG lines on if {@code verbose}; they stay on for the JVM (until {@link #reset}). */
    public static synchronized void apply(boolean verbose) {
        if (!verbose || configured != null) {
            return;
        }
        Logger logger = Logger.getLogger("dev.chaosjunit");
        logger.setLevel(Level.FINE);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        configured = logger;
    }
}
