package dev.chaosjunit.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Spring snippets of the docs are this module's compiled code: every {@code <!-- snippet: file#name -->} block in
 * {@code docs/spring-boot.md} and {@code docs/getting-started.md} equals the region between
 * {@code snippet:name} and {@code end-snippet} in that file, and no Spring code block in them goes unchecked.
 */
class DocsSnippetsTest {

    private static final Path ROOT = Path.of("../..");
    private static final Pattern MARKED_BLOCK =
            Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern ANY_BLOCK = Pattern.compile("(<!-- snippet: \\S+ -->\\s*\\n)?```java\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void springBootPageShowsTheSampleCode() throws IOException {
        assertThat(checkMarkedBlocks("docs/spring-boot.md")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void gettingStartedShowsTheSampleCode() throws IOException {
        assertThat(checkMarkedBlocks("docs/getting-started.md")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void noSpringCodeBlockIsLeftUnchecked() throws IOException {
        for (String doc : List.of("docs/spring-boot.md", "docs/getting-started.md")) {
            Matcher m = ANY_BLOCK.matcher(Files.readString(ROOT.resolve(doc)));
            while (m.find()) {
                if (m.group(2).contains("@SpringBootTest") || m.group(2).contains("@DynamicPropertySource")) {
                    assertThat(m.group(1)).as("a Spring code block in " + doc + " without a snippet marker:\n"
                            + m.group(2)).isNotNull();
                }
            }
        }
    }

    /** Checks every marked block of {@code doc}; returns how many there were. */
    private static int checkMarkedBlocks(String doc) throws IOException {
        Matcher m = MARKED_BLOCK.matcher(Files.readString(ROOT.resolve(doc)));
        int count = 0;
        while (m.find()) {
            String expected = region(ROOT.resolve(m.group(1)), m.group(2));
            assertThat(m.group(3)).as(doc + ": the snippet " + m.group(1) + "#" + m.group(2)).isEqualTo(expected);
            count++;
        }
        return count;
    }

    /** The lines between {@code snippet:name} and the next {@code end-snippet}, without their common indent. */
    static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> region = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : lines) {
            String marker = line.strip().replaceFirst("^(//|#)\\s*", "");
            if (!inside && marker.equals("snippet:" + name)) {
                inside = true;
                found = true;
            } else if (inside && marker.equals("end-snippet")) {
                inside = false;
            } else if (inside) {
                region.add(line);
            }
        }
        assertThat(found).as("snippet:" + name + " in " + file).isTrue();
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
