package dev.chaosjunit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A hostile HTTP server on a real loopback socket: it answers every request with a status line and then header lines
 * without end ({@code line.apply(0)}, {@code line.apply(1)}, ...), as fast as the client reads them, until the client
 * closes the connection.
 */
public final class EndlessHeadServer implements AutoCloseable {

    private final ServerSocket server;
    private final LongFunction<String> line;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong linesSent = new AtomicLong();

    private EndlessHeadServer(LongFunction<String> line) throws IOException {
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.line = line;
        Thread acceptor = new Thread(this::accept, "endless-head-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server whose header line {@code n} is {@code line.apply(n)} (without CRLF). */
    public static EndlessHeadServer start(LongFunction<String> line) throws IOException {
        return new EndlessHeadServer(line);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Header lines written so far, over every connection. */
    public long linesSent() {
        return linesSent.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "endless-head-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int matched = 0;
            while (matched < 4) {   // the request head ends with CRLF CRLF
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder batch = new StringBuilder();
            for (long n = 0; ; n++) {
                batch.append(line.apply(n)).append("\r\n");
                if (batch.length() >= 8192) {
                    out.write(batch.toString().getBytes(StandardCharsets.ISO_8859_1));
                    batch.setLength(0);
                }
                linesSent.incrementAndGet();
            }
        } catch (IOException e) {
            // the client gave up on the endless head: what a bounded client must do
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
