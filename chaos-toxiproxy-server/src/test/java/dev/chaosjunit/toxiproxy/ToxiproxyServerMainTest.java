package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: toxiproxy-server's flags, --flag and -flag=value forms, clear errors with exit status 2. */
class ToxiproxyServerMainTest {

    @Test
    void parsesToxiproxyServerFlagsInEveryForm() {
        ToxiproxyServerMain.Options options = ToxiproxyServerMain.Options.parse(
                new String[] {"-host", "127.0.0.1", "--port", "9000", "-seed=5"});
        assertThat(options.host).isEqualTo("127.0.0.1");
        assertThat(options.port).isEqualTo(9000);
        assertThat(options.seed).isEqualTo(5L);
        assertThat(options.config).isNull();
        ToxiproxyServerMain.Options defaults = ToxiproxyServerMain.Options.parse(new String[0]);
        assertThat(defaults.host).isEqualTo("localhost");
        assertThat(defaults.port).isEqualTo(8474);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-bogus|unknown flag '-bogus' (valid flags: -host, -port, -config, -seed, -help)",
        "-port abc|-port must be a number from 0 to 65535, got 'abc'",
        "-port 70000|-port must be a number from 0 to 65535, got '70000'",
        "-port|flag -port needs a value",
        "-config /nonexistent/proxies.json|-config file '/nonexistent/proxies.json' does not exist or is not a file",
        "-seed x|-seed must be an integer (64-bit), got 'x'",
        "stray|unexpected argument 'stray' (flags start with -)",
    })
    void badFlagsExitWithStatus2AndAClearMessage(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToxiproxyServerMain.run(args.split(" "), new PrintStream(out), new PrintStream(err));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(2);
        assertThat(printed).contains("chaos-toxiproxy-server: " + message).contains("Usage:");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToxiproxyServerMain.run(new String[] {"-help"}, new PrintStream(out), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:", "-host", "-port", "-config", "-seed");
    }

    @Test
    void apiPortInUseIsAStartFailureWithStatus1() {
        try (ToxiproxyServer running = ToxiproxyServer.start()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ToxiproxyServerMain.run(new String[] {"-host", "127.0.0.1", "-port",
                String.valueOf(running.port())}, System.out, new PrintStream(err));
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("cannot listen on 127.0.0.1:" + running.port() + ": the port is in use");
        }
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> ToxiproxyServer.builder().port(-1))
                .hasMessage("port must be from 0 to 65535 (0 = a free port), got -1");
        assertThatThrownBy(() -> ToxiproxyServer.builder().host(" "))
                .hasMessage("host must not be blank (e.g. 127.0.0.1)");
        ToxiproxyServer notStarted = ToxiproxyServer.builder().build();
        assertThatThrownBy(notStarted::url).hasMessageContaining("not started; call startServer()");
        notStarted.close();
        assertThatThrownBy(notStarted::startServer).hasMessage("ToxiproxyServer already closed");
    }
}
