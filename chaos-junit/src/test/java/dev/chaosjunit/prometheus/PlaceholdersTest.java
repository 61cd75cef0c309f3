package dev.chaosjunit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final Function<String, Optional<String>> ENV =
            name -> Optional.ofNullable(Map.of("HOST", "prom", "PORT", "9090", "RE", "a$1\\b").get(name));

    @Test
    void replacesEveryPlaceholder() {
        assertThat(Placeholders.resolve("http://${HOST}:${PORT}/x", "url", ENV)).isEqualTo("http://prom:9090/x");
        assertThat(Placeholders.resolve("up{re=\"${RE}\"}", "query", ENV)).isEqualTo("up{re=\"a$1\\b\"}");
        assertThat(Placeholders.resolve("up{a=~\"x$\"}", "query", ENV)).isEqualTo("up{a=~\"x$\"}");
        assertThat(Placeholders.resolve(null, "query", ENV)).isNull();
    }

    @Test
    void doubleDollarIsALiteral() {
        assertThat(Placeholders.resolve("$${HOST} is ${HOST}", "query", ENV)).isEqualTo("${HOST} is prom");
    }

    @Test
    void unsetAndMalformedPlaceholdersAreNamed() {
        assertThatThrownBy(() -> Placeholders.resolve("http://${NOPE}:9090", "chaos.prometheus.url", ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaos.prometheus.url: environment variable NOPE used as ${NOPE} in "
                        + "\"http://${NOPE}:9090\" is not set: set it, or write $${NOPE} for a literal ${NOPE}");
        assertThatThrownBy(() -> Placeholders.resolve("x${a b}", "query", ENV))
                .hasMessage("query: placeholder \"${a b}\" in \"x${a b}\" is not valid: expected ${NAME} with "
                        + "letters, digits, '_' or '.', for example ${PROMETHEUS_URL} (write $${...} for a literal "
                        + "${...})");
    }

    @Test
    void resolvesFromTheRealEnvironment() {
        String path = System.getenv("PATH");
        assertThat(path).isNotNull();
        assertThat(Placeholders.resolveFromEnvironment("${PATH}", "test")).isEqualTo(path);
    }
}
