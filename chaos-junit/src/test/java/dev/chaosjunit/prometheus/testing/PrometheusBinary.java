package dev.chaosjunit.prometheus.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the {@code prometheus} executable: system property {@code chaos.test.prometheus}, else the PATH. */
public final class PrometheusBinary {

    /** System property naming the executable explicitly. */
    public static final String PROPERTY = "chaos.test.prometheus";

    /** Why tests are skipped when the executable is missing. */
    public static final String MISSING_REASON = "prometheus not found on PATH: install the Debian package "
            + "'prometheus' (scripts/install-test-deps.sh)";

    private PrometheusBinary() {
    }

    /** The executable of this machine, if any. */
    public static Optional<Path> find() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return findOnPath(System.getenv("PATH"));
    }

    /** Looks for an executable named {@code prometheus} in the directories of {@code path}. */
    public static Optional<Path> findOnPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
