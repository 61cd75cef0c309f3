package dev.chaosjunit.bench.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory of the standalone jar under a toxic run: N connections at once, each echoing M bytes through a
 * proxy with a latency toxic in both directions (so every byte takes the toxic path and is held for a while).
 * Starts the jar as a child process with the given JVM options, samples its RSS, and prints one markdown row:
 * peak RSS (VmHWM), RSS at the end, bytes checked, time.
 *
 * <pre>java -cp ... dev.chaosjunit.bench.proxy.MemoryFootprint jar connections bytes [jvm options...]</pre>
 */
public final class MemoryFootprint {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int connections = Integer.parseInt(args[1]);
        int bytes = Integer.parseInt(args[2]);
        List<String> jvmOptions = Arrays.asList(args).subList(3, args.length);
        try (ServerSocket echo = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serveEcho(echo), "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            int apiPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                apiPort = probe.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "-host", "127.0.0.1", "-port", String.valueOf(apiPort)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("LOG_LEVEL", "warn");
            Process server = builder.start();
            try {
                run(server, apiPort, echo.getLocalPort(), connections, bytes, jvmOptions);
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(Process server, int apiPort, int echoPort, int connections, int bytes,
            List<String> jvmOptions) throws Exception {
        String api = "http://127.0.0.1:" + apiPort;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(api + "/version")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("server did not start", e);
                }
                Thread.sleep(100);
            }
        }
        String created = post(api + "/proxies", "{\"name\":\"mem\",\"listen\":\"127.0.0.1:0\",\"upstream\":"
                + "\"127.0.0.1:" + echoPort + "\"}");
        Matcher m = Pattern.compile("\"listen\":\"127\\.0\\.0\\.1:(\\d+)\"").matcher(created);
        if (!m.find()) {
            throw new IllegalStateException("no listen address in " + created);
        }
        int proxyPort = Integer.parseInt(m.group(1));
        post(api + "/proxies/mem/toxics", "{\"type\":\"latency\",\"stream\":\"downstream\",\"attributes\":"
                + "{\"latency\":50,\"jitter\":10}}");
        post(api + "/proxies/mem/toxics", "{\"type\":\"latency\",\"stream\":\"upstream\",\"attributes\":"
                + "{\"latency\":50}}");
        long pid = server.pid();
        long baseline = status(pid, "VmRSS");
        AtomicLong checked = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try {
                    checked.addAndGet(echoThrough(proxyPort, bytes));
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "client");
            t.setDaemon(true);
            t.start();
        }
        long peakSampled = 0;
        while (!done.await(100, TimeUnit.MILLISECONDS)) {
            peakSampled = Math.max(peakSampled, status(pid, "VmRSS"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long hwm = status(pid, "VmHWM");
        long end = status(pid, "VmRSS");
        System.out.printf("| `%s` | %d x %d KiB | %.1f MB | **%.1f MB** | %.1f MB | %d MB checked, %d failed | %.1f s |%n",
                jvmOptions.isEmpty() ? "(defaults)" : String.join(" ", jvmOptions), connections, bytes / 1024,
                baseline / 1024.0, hwm / 1024.0, end / 1024.0, checked.get() / 1_000_000, failed.get(), seconds);
    }

    private static long echoThrough(int port, int bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            byte[] chunk = new byte[16 * 1024];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i * 31 + 7);
            }
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int sent = 0; sent < bytes; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // the reader sees the short stream
                }
            }, "writer");
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            long got = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != chunk[(int) ((got + i) % chunk.length)]) {
                        throw new IOException("byte " + (got + i) + " differs");
                    }
                }
                got += n;
            }
            if (got != bytes) {
                throw new IOException("got " + got + " of " + bytes + " bytes");
            }
            return got;
        }
    }

    private static void serveEcho(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> {
                    try (socket) {
                        socket.getInputStream().transferTo(socket.getOutputStream());
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        // client gone
                    }
                }, "echo");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A field of /proc/pid/status in KiB. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
