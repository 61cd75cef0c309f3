package dev.chaosjunit.load.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.testing.SwitchableServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad command-line value exits with status 2 and says what is wrong, before any load is offered. */
class LoadCommandExitStatusTest {

    static final SwitchableServer SERVER = SwitchableServer.start();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private int run(String... args) {
        return LoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:99999/       | --rate 10      | has port 99999; expected 1 to 65535, or none for 80",
            "http://127.0.0.1:0/           | --rate 10      | has port 0; expected 1 to 65535",
            "http://127.0.0.1:/            | --rate 10      | has port \"\"; expected 1 to 65535",
            "ftp://127.0.0.1/              | --rate 10      | must be an http:// URL",
            "http://127.0.0.1:8080/        | --rate 1e10    | rate must be at most 1000000000 requests per second",
            "http://127.0.0.1:8080/        | --rate NaN     | --rate: expected a number > 0",
            "http://127.0.0.1:8080/        | --rate 10 --io-threads 65 | ioThreads must be within 1..64",
            "http://127.0.0.1:8080/        | --rate 10 --method A/B     | HTTP method must be a token",
    })
    void aBadValueExitsWithStatus2(String url, String option, String message) {
        String[] args = (url + " " + option + " --duration 1s --quiet").split(" ");
        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("chaos-load: ").contains(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theHighestRateEndsOnTime() {
        long t0 = System.nanoTime();
        int status = run(SERVER.url("/work"), "--rate", "1e9", "--duration", "3s", "--connections", "4",
                "--drop-after", "100ms", "--json", "--quiet");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"targetRate\":1.0E9");
        // 3s of load + the 5s drain bound (requests answer at once, so it is not used) + 3s for a busy machine's
        // stalls; dropping the 3e9 arrivals one by one took 22s and more
        assertThat(took).isLessThan(Duration.ofSeconds(11));
    }
}
