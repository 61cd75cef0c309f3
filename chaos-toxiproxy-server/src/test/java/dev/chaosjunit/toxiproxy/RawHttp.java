package dev.chaosjunit.toxiproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP by hand on a real socket, for requests no HTTP client would send (odd headers, stalls, garbage). */
final class RawHttp {
    private RawHttp() {
    }

    /** A response as read: status line, the whole head and the body as text. */
    record Response(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Sends the bytes as they are on a new connection and reads the answer until the server closes it. */
    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = open(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one response (head, then Content-Length bytes or until close). */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        if (headText.isEmpty()) {
            throw new IOException("the server closed the connection without an answer");
        }
        int status = Integer.parseInt(headText.substring(9, 12));
        Response partial = new Response(status, headText, "");
        String length = partial.header("Content-Length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if (status == 204 || status == 100) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headText, new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the server closed the socket (EOF or reset) within the socket's timeout. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
