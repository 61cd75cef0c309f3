package dev.chaosjunit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a real Toxiproxy API that records every request line passing through it, so a test can
 * prove that a request (creating a toxic, say) was never sent. It forwards bytes unchanged.
 */
public final class ApiRecorder implements AutoCloseable {

    private static final Pattern REQUEST = Pattern.compile("(GET|POST|DELETE|PUT|PATCH) (\\S+) HTTP/1\\.[01]");

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final List<String> requests = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    public ApiRecorder(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "api-recorder");
        t.setDaemon(true);
        t.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The request lines seen, e.g. {@code POST /proxies/x/toxics}. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        Thread t = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            int scanned = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (record) {
                        seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        Matcher m = REQUEST.matcher(seen);
                        while (m.find(scanned)) {
                            synchronized (this) {
                                requests.add(m.group(1) + " " + m.group(2));
                            }
                            scanned = m.end();
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "api-recorder-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
