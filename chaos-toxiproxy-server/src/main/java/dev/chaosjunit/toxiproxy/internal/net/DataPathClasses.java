package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.Log;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every class of the server's data path when the server starts. The JVM loads classes lazily, and loading one
 * opens its jar or class file: once the process has run out of file descriptors (the situation
 * {@link DescriptorReserve} keeps the server answering in) a class first needed then, such as the one a connection's
 * end of stream uses, fails with {@code NoClassDefFoundError} for good, and connections stop ending. Loading them
 * while descriptors are free makes that impossible.
 */
final class DataPathClasses {
    private static final System.Logger LOG = Log.logger("net");
    private static final String[] PACKAGES = {
        "dev/chaosjunit/toxiproxy/internal/net/", "dev/chaosjunit/toxiproxy/internal/toxic/",
        "dev/chaosjunit/toxiproxy/internal/proxy/", "dev/chaosjunit/toxiproxy/internal/metrics/"
    };
    private static volatile boolean loaded;

    private DataPathClasses() {}

    /** Loads (without initializing) every class of the data-path packages once per JVM. */
    static void preload() {
        if (loaded) {
            return;
        }
        ClassLoader loader = DataPathClasses.class.getClassLoader();
        int count = 0;
        for (String name : classNames()) {
            try {
                Class.forName(name, false, loader);
                count++;
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.log(Level.DEBUG, () -> "could not preload " + name + ": " + e);
            }
        }
        loaded = true;
        int preloaded = count;
        LOG.log(Level.DEBUG, () -> "preloaded " + preloaded + " data-path classes");
    }

    static List<String> classNames() {
        List<String> names = new ArrayList<>();
        try {
            Path source = Path.of(DataPathClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                for (String pkg : PACKAGES) {
                    Path dir = source.resolve(pkg);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(f -> pkg + f.getFileName()).filter(n -> n.endsWith(".class")).forEach(n ->
                                names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.endsWith(".class") && inPackages(n)) {
                            names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "cannot list the data-path classes: " + e);
        }
        return names;
    }

    private static boolean inPackages(String entry) {
        for (String pkg : PACKAGES) {
            if (entry.startsWith(pkg) && entry.indexOf('/', pkg.length()) < 0) {
                return true;
            }
        }
        return false;
    }
}
