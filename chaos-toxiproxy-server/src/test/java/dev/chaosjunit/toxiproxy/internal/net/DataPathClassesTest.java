package dev.chaosjunit.toxiproxy.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The classes a connection needs only late in its life (its end of stream, a toxic's chunk kinds) are among those
 * loaded at start: {@code DescriptorExhaustionTest} once saw {@code NoClassDefFoundError: ...Chunk$Kind} when the
 * first end of stream came after the descriptors had run out, and the proxy never accepted again.
 */
class DataPathClassesTest {

    @Test
    void theDataPathClassesIncludeTheOnesFirstUsedAtTheEndOfAConnection() {
        assertThat(DataPathClasses.classNames())
                .contains("dev.chaosjunit.toxiproxy.internal.toxic.Chunk$Kind",
                        "dev.chaosjunit.toxiproxy.internal.net.Flow",
                        "dev.chaosjunit.toxiproxy.internal.net.Connection")
                .allMatch(n -> n.startsWith("dev.chaosjunit.toxiproxy.internal."));
    }
}
