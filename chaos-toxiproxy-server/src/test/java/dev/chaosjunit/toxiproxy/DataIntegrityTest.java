package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Byte-exact transfer (CRC32-checked both ways) through the proxy with 200+ concurrent connections. */
class DataIntegrityTest {
    private static final int CONNECTIONS = 220;

    private ToxiproxyServer server;
    private TestUpstream echo;
    private Proxy proxy;
    private ExecutorService threads;

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start();
        echo = TestUpstream.echo();
        proxy = new ToxiproxyClient(server.host(), server.port()).createProxy("echo", "127.0.0.1:0", echo.address());
        threads = Executors.newFixedThreadPool(2 * CONNECTIONS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        echo.close();
    }

    /** Sends {@code bytes} random bytes on each connection while reading the echo; returns the bytes verified. */
    private long transferAll(int bytes) throws Exception {
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            long seed = c;
            results.add(threads.submit(() -> oneConnection(seed, bytes)));
        }
        long verified = 0;
        for (Future<Long> result : results) {
            verified += result.get(120, TimeUnit.SECONDS);
        }
        return verified;
    }

    private long oneConnection(long seed, int bytes) throws Exception {
        try (Socket socket = Net.connect(proxy.getListen())) {
            socket.setSoTimeout(60_000);
            CRC32 sent = new CRC32();
            Future<?> writer = threads.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                OutputStream out = socket.getOutputStream();
                byte[] block = new byte[4096];
                int left = bytes;
                while (left > 0) {
                    int n = Math.min(left, 1 + random.nextInt(block.length));
                    for (int i = 0; i < n; i++) {
                        block[i] = (byte) random.nextInt();
                    }
                    sent.update(block, 0, n);
                    out.write(block, 0, n);
                    left -= n;
                }
                socket.shutdownOutput();
                return null;
            });
            CRC32 received = new CRC32();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.update(buffer, 0, n);
                total += n;
            }
            writer.get(60, TimeUnit.SECONDS);
            assertThat(total).isEqualTo(bytes);
            assertThat(received.getValue()).as("CRC32 of the echo, connection " + seed).isEqualTo(sent.getValue());
            return total;
        }
    }

    @Test
    void withoutToxics() throws Exception {
        assertThat(transferAll(256 * 1024)).isEqualTo(CONNECTIONS * 256L * 1024);
    }

    @Test
    void withLatencyAndSlicerBothWays() throws Exception {
        proxy.toxics().latency("lag-up", ToxicDirection.UPSTREAM, 10).setJitter(5);
        proxy.toxics().slicer("cut-down", ToxicDirection.DOWNSTREAM, 700, 0).setSizeVariation(300);
        proxy.toxics().latency("lag-down", ToxicDirection.DOWNSTREAM, 5);
        assertThat(transferAll(64 * 1024)).isEqualTo(CONNECTIONS * 64L * 1024);
    }

    @Test
    void whileToxicsAreAddedAndRemovedMidTransfer() throws Exception {
        ExecutorService driver = Executors.newSingleThreadExecutor();
        Future<Long> transfer = driver.submit(() -> transferAll(128 * 1024));
        for (int i = 0; i < 6 && !transfer.isDone(); i++) {
            proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 20);
            proxy.toxics().slicer("cut", ToxicDirection.UPSTREAM, 500, 0);
            Thread.sleep(100);
            proxy.toxics().get("lag").remove();
            Thread.sleep(50);
            proxy.toxics().get("cut").remove();
        }
        try {
            assertThat(transfer.get(180, TimeUnit.SECONDS)).isEqualTo(CONNECTIONS * 128L * 1024);
        } finally {
            driver.shutdownNow();
        }
    }
}
