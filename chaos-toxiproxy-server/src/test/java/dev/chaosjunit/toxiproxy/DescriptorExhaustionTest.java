package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in a child JVM limited to 256 file descriptors ({@code ulimit -n 256}), 400 clients on one proxy:
 * the accept loop backs off instead of spinning on EMFILE and the API keeps answering while the clients are still
 * connected. Before the change the API got no descriptor for its connection and answered nothing until clients
 * left, and the accept loop burnt a core; here each API call is bounded by 10 s (the right answer takes
 * milliseconds, the wrong one never comes), and the CPU the server burns over 2 s while the 400 clients wait is
 * bounded by 1 s (spinning takes most of a core, the back-off next to nothing; a loaded machine only makes a
 * spinning server look better, so it cannot make this test fail wrongly).
 */
class DescriptorExhaustionTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double cpuSeconds(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0; // utime + stime in clock ticks
    }

    @Test
    void apiKeepsAnsweringAndAcceptBacksOffWhenDescriptorsRunOut(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isDirectory(Path.of("/proc/self")),
                "needs bash (for ulimit -n) and /proc (Linux) to run a descriptor-limited child JVM");
        int apiPort = Net.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", "ulimit -n 256 && exec \"$0\" -Xmx64m -cp \"$1\" "
                + "dev.chaosjunit.toxiproxy.ToxiproxyServerMain -host 127.0.0.1 -port \"$2\"",
                java, System.getProperty("java.class.path"), String.valueOf(apiPort))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("LOG_LEVEL", "warn");
        Process server = builder.start();
        List<Socket> clients = new ArrayList<>();
        try (TestUpstream echo = TestUpstream.echo()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    if (call(apiPort, "GET", "/version", null).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    assertThat(server.isAlive()).as(Files.readString(dir.resolve("server.log"))).isTrue();
                    assertThat(System.nanoTime()).as("server started").isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            int proxyPort = Net.freePort();
            assertThat(call(apiPort, "POST", "/proxies", "{\"name\":\"many\",\"listen\":\"127.0.0.1:" + proxyPort
                    + "\",\"upstream\":\"" + echo.address() + "\"}").statusCode()).isEqualTo(201);

            for (int i = 0; i < 400; i++) {
                clients.add(Net.connect("127.0.0.1:" + proxyPort)); // the backlog takes what accept cannot
            }
            Thread.sleep(500); // let the server run into the limit
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = call(apiPort, "GET", "/proxies", null);
                assertThat(answer.statusCode()).as("API call %d while descriptors are exhausted", i).isEqualTo(200);
                assertThat(answer.body()).contains("\"many\"");
            }
            double before = cpuSeconds(server.pid());
            Thread.sleep(2_000);
            double burnt = cpuSeconds(server.pid()) - before;
            assertThat(burnt).as("CPU seconds the server used in 2 s with 400 clients waiting").isLessThan(1.0);
            assertThat(Files.readString(dir.resolve("server.log"))).contains("out of file descriptors");

            for (Socket client : clients) {
                client.close();
            }
            clients.clear();
            // Once clients leave, the proxy accepts again.
            await(dir.resolve("server.log"), () -> {
                try (Socket again = Net.connect("127.0.0.1:" + proxyPort)) {
                    again.setSoTimeout(3_000);
                    return Net.roundTripMillis(again) < 3_000;
                } catch (IOException e) {
                    return false;
                }
            });
            assertThat(call(apiPort, "GET", "/version", null).body()).isEqualTo("2.5.0");
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void await(Path log, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("proxy accepting again within 30 s; server log:%n%s", Files.readString(log))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
