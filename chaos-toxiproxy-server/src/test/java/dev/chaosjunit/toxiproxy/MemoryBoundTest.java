package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with a small heap ({@code -Xmx24m}, in a child JVM) carries 200 connections that each push 1 MiB
 * through latency toxics in both directions, every byte intact: what the connections may hold in memory at once is
 * bounded by a quarter of the heap, and past it they stop reading (the data waits in socket buffers) instead of the
 * server running out of memory. Before the bound, 200 x 2 directions x 1 MiB of held data (400 MiB) met a 24 MiB
 * heap and connections failed; the test allows 3 minutes for 200 MiB through 50 ms toxics (seconds on a quiet
 * machine), so only failed or corrupted transfers make it fail.
 */
class MemoryBoundTest {
    private static final int CONNECTIONS = 200;
    private static final int BYTES = 1024 * 1024;

    @Test
    void aSmallHeapCarriesManyHeldConnections(@TempDir Path dir) throws Exception {
        int apiPort = Net.freePort();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.chaosjunit.toxiproxy.ToxiproxyServerMain", "-host", "127.0.0.1", "-port", String.valueOf(apiPort))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(2 * CONNECTIONS);
        try (TestUpstream echo = TestUpstream.echo()) {
            String api = "http://127.0.0.1:" + apiPort;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(api + "/version")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (IOException e) {
                    assertThat(System.nanoTime()).as("server started").isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            String created = http.send(HttpRequest.newBuilder(URI.create(api + "/proxies")).POST(
                    HttpRequest.BodyPublishers.ofString("{\"name\":\"held\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                            + echo.address() + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher listen = Pattern.compile("\"listen\":\"([^\"]+)\"").matcher(created);
            assertThat(listen.find()).as(created).isTrue();
            for (String stream : List.of("upstream", "downstream")) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(api + "/proxies/held/toxics")).POST(
                        HttpRequest.BodyPublishers.ofString("{\"type\":\"latency\",\"stream\":\"" + stream
                                + "\",\"attributes\":{\"latency\":50}}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            List<Future<Long>> transfers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                transfers.add(clients.submit(() -> echoThrough(listen.group(1), clients)));
            }
            long total = 0;
            for (Future<Long> transfer : transfers) {
                total += transfer.get(3, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo((long) CONNECTIONS * BYTES);
            assertThat(server.isAlive()).isTrue();
            assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain("OutOfMemoryError");
        } finally {
            clients.shutdownNow();
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long echoThrough(String listen, ExecutorService pool) throws Exception {
        try (Socket socket = Net.connect(listen)) {
            socket.setSoTimeout(120_000);
            Future<?> writer = pool.submit(() -> {
                OutputStream out = socket.getOutputStream();
                byte[] chunk = new byte[16 * 1024];
                for (int sent = 0; sent < BYTES; sent += chunk.length) {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) ((sent + i) * 131 >>> 3);
                    }
                    out.write(chunk);
                }
                socket.shutdownOutput();
                return null;
            });
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            long got = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != (byte) ((got + i) * 131 >>> 3)) {
                        throw new IOException("byte " + (got + i) + " differs");
                    }
                }
                got += n;
            }
            writer.get(10, TimeUnit.SECONDS);
            return got;
        }
    }
}
