package dev.chaosjunit.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.load.cli.LoadCommand;
import dev.chaosjunit.testing.EndlessHeadServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A server that never ends its response head (endless {@code Set-Cookie} headers, endless distinct headers) on a
 * real loopback socket: the driver stops reading at its per-response bound, counts RESPONSE_TOO_LARGE, and the run
 * ends on time with its summary. Without the bound each request would hang until its timeout and keep every cookie.
 */
class HostileResponseTest {

    /**
     * Generous bound on a run's wall time beyond its duration and drain bound: a busy machine can stall a few
     * seconds; a request left hanging on an endless head would take the 30 s request timeout the tests set.
     */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @Test
    void endlessSetCookieHeadersEndOnTimeWithASummary() throws Exception {
        try (EndlessHeadServer server = EndlessHeadServer.start(n -> "Set-Cookie: c" + n + "=" + n + "; Path=/")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int status = LoadCommand.run(new String[] {server.url("/"), "--rate", "20", "--duration", "1s",
                    "--connections", "2", "--timeout", "30s", "--quiet"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String summary = out.toString(StandardCharsets.UTF_8);
            assertThat(summary).containsPattern("(?s)requests  (\\d+) .*errors    \\1 \\(100\\.00%\\)"
                    + " response_too_large=\\1\n");
            // 1s of load + the command line's 5s drain bound (unused: nothing stays in flight) + slack
            assertThat(took).isLessThan(Duration.ofSeconds(6).plus(SLACK));
        }
    }

    @Test
    void endlessDistinctHeadersEndOnTime() throws Exception {
        try (EndlessHeadServer server = EndlessHeadServer.start(n -> "X-Header-" + n + ": " + n)) {
            long t0 = System.nanoTime();
            LoadStats total = LoadDriver.target(server.url("/")).profile(LoadProfile.constantRate(20, "1s"))
                    .maxConnections(2).requestTimeout("30s").drainTimeout("2s").progress(false).run();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(total.errorsByKind().keySet()).isEqualTo(Set.of(ErrorKind.RESPONSE_TOO_LARGE));
            assertThat(total.count() + total.dropped()).as("every arrival is either answered or dropped")
                    .isEqualTo(20);
            assertThat(total.errors()).isEqualTo(total.count());
            assertThat(took).isLessThan(Duration.ofSeconds(3).plus(SLACK));   // 1s of load + 2s drain bound + slack
        }
    }
}
