package dev.chaosjunit.testing;

import dev.chaosjunit.network.ProxyAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain socket client for {@link ByteServer}, measuring what came back and when. */
public final class Wire {

    /** What one exchange saw. */
    public record Exchange(int bytes, int reads, Duration elapsed, boolean closed, String error) {
    }

    private Wire() {
    }

    /**
     * Sends {@code command} and reads until {@code expect} bytes arrived, the connection closed, or the read timeout.
     */
    public static Exchange exchange(ProxyAddress address, String command, int expect, Duration readTimeout) {
        long start = System.nanoTime();
        int bytes = 0;
        int reads = 0;
        try (Socket s = new Socket(address.host(), address.port())) {
            s.setSoTimeout((int) readTimeout.toMillis());
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            while (true) {
                if (bytes >= expect && !command.startsWith("CLOSE")) {
                    return new Exchange(bytes, reads, since(start), false, null);
                }
                int n = in.read(buf);
                if (n < 0) {
                    return new Exchange(bytes, reads, since(start), true, null);
                }
                bytes += n;
                reads++;
            }
        } catch (SocketTimeoutException e) {
            return new Exchange(bytes, reads, since(start), false, "timeout");
        } catch (IOException e) {
            return new Exchange(bytes, reads, since(start), true, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
