package dev.chaosjunit.bench.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client on one blocking socket: times single GETs (for the latency-toxic accuracy)
 * and downloads (for bulk MB/s). It reads {@code Content-Length} bodies only, which is what nginx sends here.
 */
final class HttpProbe implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private final byte[] request;

    HttpProbe(int port, String path) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.socket().setTcpNoDelay(true);
        request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one GET and reads the whole response; returns the body length. */
    long get() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(request);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        buffer.clear();
        long contentLength = -1;
        int headerEnd = -1;
        while (headerEnd < 0) {
            if (channel.read(buffer) < 0) {
                throw new IOException("connection closed before the response headers");
            }
            headerEnd = find(buffer, "\r\n\r\n");
        }
        String headers = ascii(buffer, headerEnd);
        if (!headers.startsWith("HTTP/1.1 200")) {
            throw new IOException("expected 200 OK, got: " + headers.lines().findFirst().orElse(headers));
        }
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                contentLength = Long.parseLong(line.substring(15).trim());
            }
        }
        if (contentLength < 0) {
            throw new IOException("response without Content-Length: " + headers);
        }
        long bodyRead = buffer.position() - (headerEnd + 4);
        while (bodyRead < contentLength) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed after " + bodyRead + " of " + contentLength + " body bytes");
            }
            bodyRead += n;
        }
        return contentLength;
    }

    private static int find(ByteBuffer buffer, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + m.length <= buffer.position(); i++) {
            for (int j = 0; j < m.length; j++) {
                if (buffer.get(i + j) != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String ascii(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = buffer.get(i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
