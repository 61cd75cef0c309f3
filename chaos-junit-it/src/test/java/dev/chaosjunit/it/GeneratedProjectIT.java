package dev.chaosjunit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A new user's first hour, automated: the {@code pom.xml} and the test class that {@code docs/getting-started.md}
 * shows are written, exactly as shown, into an empty directory and built with the Maven that runs this build. The
 * check is that the chaos test really ran (one test executed, none skipped, a journal with an injected fault), not
 * merely that Maven said {@code BUILD SUCCESS}: a Surefire that finds no test also says that.
 */
class GeneratedProjectIT {

    /** {@code <!-- generated-project: <path> -->}, then a fenced code block: the file at that path. */
    private static final Pattern FILE_BLOCK =
            Pattern.compile("<!-- generated-project: (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void theDocumentedProjectRunsItsChaosTest() throws Exception {
        Path docs = Path.of(System.getProperty("it.docs"));
        Path project = Path.of(System.getProperty("it.workDir"));
        Map<String, String> files = filesShownIn(Files.readString(docs));
        assertThat(files).as("files shown in %s", docs).containsKeys("pom.xml");
        assertThat(files.keySet()).as("a test class shown in %s", docs).anyMatch(p -> p.startsWith("src/test/java/"));

        deleteRecursively(project);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = project.resolve(file.getKey());
            Files.createDirectories(path.getParent() == null ? project : path.getParent());
            Files.writeString(path, file.getValue() + "\n");
        }

        Path log = project.resolve("build.log");
        Process maven = new ProcessBuilder(command())
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A guard against a hung build, not a timing assertion: the generated build takes seconds once its
        // plugins are in the local repository, and its first run downloads them.
        boolean ended = maven.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            maven.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the generated build ended; its output:%n%s", output).isTrue();
        assertThat(maven.exitValue()).as("exit status of the generated build; its output:%n%s", output).isZero();

        Path report = project.resolve("target/surefire-reports/TEST-com.example.FirstChaosTest.xml");
        assertThat(report).as("Surefire ran the test class; build output:%n%s", output).exists();
        String xml = Files.readString(report);
        assertThat(attribute(xml, "tests")).as("tests run").isEqualTo("1");
        assertThat(attribute(xml, "failures")).as("failures").isEqualTo("0");
        assertThat(attribute(xml, "errors")).as("errors").isEqualTo("0");
        assertThat(attribute(xml, "skipped")).as("skipped").isEqualTo("0");

        Path journals = project.resolve("target/chaos-reports/com.example.FirstChaosTest");
        List<Path> written = list(journals, ".json");
        assertThat(written).as("journals in %s", journals).hasSize(1);
        String journal = Files.readString(written.get(0));
        assertThat(journal).as("the journal records a latency fault that was injected and reverted")
                .contains("\"kind\": \"latency\"")
                .contains("\"action\": \"injected\"")
                .contains("\"action\": \"reverted\"");
    }

    private static List<String> command() {
        String home = System.getProperty("it.mavenHome");
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        String mvn = home == null || home.isBlank()
                ? "mvn"
                : Path.of(home, "bin", windows ? "mvn.cmd" : "mvn").toString();
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "verify"));
        command.add("-Dmaven.repo.local=" + System.getProperty("it.repo"));
        return command;
    }

    static Map<String, String> filesShownIn(String markdown) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(markdown);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    private static String attribute(String xml, String name) {
        Matcher m = Pattern.compile("<testsuite[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
