package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the shaded jar the build just made ({@code java -jar target/chaos-toxiproxy-server.jar}) as a separate
 * process with {@code -config}, checks its proxies through toxiproxy-java, then stops it. Runs in the
 * {@code integration-test} phase, after {@code package}.
 */
class StandaloneJarIT {

    private static Path jar() {
        String property = System.getProperty("standalone.jar", "target/chaos-toxiproxy-server.jar");
        Path jar = Path.of(property);
        assertThat(jar).as("the shaded jar (built in the package phase)").isRegularFile();
        return jar;
    }

    private static Process launch(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void servesTheProxiesOfItsConfigFile(@TempDir Path dir) throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            int apiPort = Net.freePort();
            int proxyPort = Net.freePort();
            Path config = dir.resolve("proxies.json");
            Files.writeString(config, "[{\"name\":\"echo\",\"listen\":\"127.0.0.1:" + proxyPort + "\",\"upstream\":\""
                    + echo.address() + "\"},{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\","
                    + "\"enabled\":false}]");
            Process process = launch(List.of("-host", "127.0.0.1", "-port", String.valueOf(apiPort), "--config",
                    config.toString(), "-seed", "3"));
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                String expected = "chaos-toxiproxy-server listening on http://127.0.0.1:" + apiPort;
                List<String> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (seen.stream().noneMatch(l -> l.contains(expected)) && System.nanoTime() < deadline) {
                    String line = lines.poll(1, TimeUnit.SECONDS);
                    if (line != null) {
                        seen.add(line);
                    }
                    assertThat(process.isAlive() || line != null).as("process alive; output: " + seen).isTrue();
                }
                assertThat(seen).as("startup log").anyMatch(l -> l.contains(expected))
                        .anyMatch(l -> l.contains("proxy 'echo' created"));

                ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", apiPort);
                assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo", "off");
                assertThat(client.getProxy("echo").getListen()).isEqualTo("127.0.0.1:" + proxyPort);
                assertThat(client.getProxy("off").isEnabled()).isFalse();
                try (Socket socket = Net.connect("127.0.0.1:" + proxyPort)) {
                    assertThat(Net.roundTripMillis(socket)).isLessThan(5_000);
                }
            } finally {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            assertThat(process.exitValue()).as("SIGTERM ends it through the shutdown hook").isIn(0, 143);
        }
    }

    @Test
    void versionFlagPrintsOurVersionAndTheToxiproxyApiLevel() throws Exception {
        Process process = launch(List.of("-version"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output.trim()).isEqualTo("chaos-toxiproxy-server version " + ToxiproxyServer.VERSION
                + " (Toxiproxy 2.5.0-compatible API)");
    }

    @Test
    void toxiproxyServersMetricsFlagsServeMetrics() throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            int apiPort = Net.freePort();
            Process process = launch(List.of("-host", "127.0.0.1", "-port", String.valueOf(apiPort), "-proxy-metrics",
                    "-runtime-metrics"));
            try {
                ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", apiPort);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    try {
                        assertThat(client.version()).isEqualTo("2.5.0");
                        break;
                    } catch (IOException e) {
                        assertThat(System.nanoTime()).as("started").isLessThan(deadline);
                        assertThat(process.isAlive()).isTrue();
                        Thread.sleep(100);
                    }
                }
                Proxy proxy = client.createProxy("shopify_http", "localhost:0", echo.address());
                try (Socket socket = Net.connect(proxy.getListen())) {
                    assertThat(Net.roundTripMillis(socket)).isLessThan(5_000);
                }
                java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + apiPort
                                + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                // The checks of Toxiproxy's own end-to-end script, with the JVM's series in place of Go's.
                assertThat(metrics.body()).containsPattern("(?m)^toxiproxy_proxy_sent_bytes_total\\{direction="
                        + "\"downstream\",listener=\"127\\.0\\.0\\.1:[0-9]+\",proxy=\"shopify_http\",upstream=\""
                        + java.util.regex.Pattern.quote(echo.address()) + "\"\\} [0-9]+$")
                        .containsPattern("(?m)^jvm_info\\{")
                        .containsPattern("(?m)^jvm_threads_current [0-9]+$")
                        .doesNotContainPattern("(?m)^go_");
            } finally {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void badFlagExitsWithStatus2() throws Exception {
        Process process = launch(List.of("-prot", "8474"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown flag '-prot'", "Usage:");
    }

    @Test
    void invalidConfigExitsWithStatus1NamingTheProblem(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "[{\"name\":\"x\",\"upstream\":\"nohost\"}]");
        Process process = launch(List.of("-port", "0", "-config", config.toString()));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("config file " + config, "proxy 'x': upstream 'nohost' must be host:port");
    }
}
