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
        "-bogus|unknown flag '-bogus' (valid flags: -host, -port, -config, -seed, -proxy-metrics, -runtime-metrics, -allowed-hosts, -version, -help)",
        "-proxy-metrics=maybe|-proxy-metrics is a switch: give it alone or as -proxy-metrics=true or -proxy-metrics=false, got 'maybe'",
        "-allowed-hosts a/b|-allowed-hosts must be comma-separated host names (e.g. toxiproxy,toxiproxy.internal) or *, got 'a/b'",
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
    void metricsSwitchesAndAllowedHostsParseAsToxiproxyServerTakesThem() {
        ToxiproxyServerMain.Options options = ToxiproxyServerMain.Options.parse(
                new String[] {"-proxy-metrics", "--runtime-metrics=true", "-allowed-hosts", "toxiproxy, tp.internal"});
        assertThat(options.proxyMetrics).isTrue();
        assertThat(options.runtimeMetrics).isTrue();
        assertThat(options.allowedHosts).containsExactly("toxiproxy", "tp.internal");
        ToxiproxyServerMain.Options off = ToxiproxyServerMain.Options.parse(new String[] {"-proxy-metrics=false"});
        assertThat(off.proxyMetrics).isFalse();
        assertThat(off.runtimeMetrics).isFalse();
    }

    @Test
    void versionPrintsOurVersionAndTheToxiproxyApiItMatches() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToxiproxyServerMain.run(new String[] {"-version"}, new PrintStream(out), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("chaos-toxiproxy-server version "
                + ToxiproxyServer.VERSION + " (Toxiproxy 2.5.0-compatible API)" + System.lineSeparator());
    }

    @Test
    void logLevelNamesAreToxiproxyServers() {
        assertThat(StandaloneLogging.parse("trace")).isEqualTo(java.util.logging.Level.FINEST);
        assertThat(StandaloneLogging.parse("DEBUG")).isEqualTo(java.util.logging.Level.FINE);
        assertThat(StandaloneLogging.parse("warn")).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(StandaloneLogging.parse("disabled")).isEqualTo(java.util.logging.Level.OFF);
        assertThat(StandaloneLogging.parse("loud")).isNull();
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToxiproxyServerMain.run(new String[] {"-help"}, new PrintStream(out), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:", "-host", "-port", "-config", "-seed", "-proxy-metrics",
                "-runtime-metrics", "-version", "LOG_LEVEL");
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
