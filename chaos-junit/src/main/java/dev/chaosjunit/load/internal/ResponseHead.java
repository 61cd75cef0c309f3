package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of one HTTP/1.1 response, read line by line: the status line and the headers that matter to the driver
 * ({@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}, {@code Set-Cookie}), within bounds on
 * what one response may make the driver read and keep. Not thread-safe.
 */
final class ResponseHead {

    /** The most header lines a response may have (interim responses and trailers included). */
    static final int MAX_HEADER_LINES = 256;
    /** The most bytes the head of a response may have, line ends excluded. */
    static final int MAX_HEAD_BYTES = 256 * 1024;
    /** The most {@code Set-Cookie} headers one response may have. */
    static final int MAX_SET_COOKIES = 64;
    /** The longest {@code Set-Cookie} value kept. */
    static final int MAX_COOKIE_BYTES = 8 * 1024;

    private int lines;
    private long bytes;
    /** The status code; 0 before the status line. */
    int status;
    /** The {@code Content-Length}, or -1 when there was none. */
    long contentLength;
    boolean chunked;
    /** The connection closes after this response (also when the body is delimited by the close). */
    boolean close;
    private boolean http10;
    private boolean keepAliveHeader;
    private List<String> setCookies;

    void reset() {
        lines = 0;
        bytes = 0;
        status = 0;
        http10 = false;
        keepAliveHeader = false;
        close = false;
        contentLength = -1;
        chunked = false;
        setCookies = null;
    }

    /** Whether the connection must be closed after this response. */
    boolean closeAfter() {
        return close || (http10 && !keepAliveHeader);
    }

    List<String> setCookies() {
        return setCookies == null ? List.of() : setCookies;
    }

    /**
     * Counts a line of {@code len} bytes of the head (status lines of interim responses and trailers included).
     *
     * @throws ResponseParser.ProtocolException of kind {@link ErrorKind#RESPONSE_TOO_LARGE} beyond the bounds
     */
    void count(int len) throws ResponseParser.ProtocolException {
        lines++;
        bytes += len;
        if (lines > MAX_HEADER_LINES || bytes > MAX_HEAD_BYTES) {
            throw new ResponseParser.ProtocolException(ErrorKind.RESPONSE_TOO_LARGE, "response head over "
                    + MAX_HEADER_LINES + " lines or " + MAX_HEAD_BYTES + " bytes");
        }
    }

    /** Reads the status line in {@code line[0, len)}. */
    void statusLine(byte[] line, int len) throws ResponseParser.ProtocolException {
        count(len);
        if (len < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
                || line[8] != ' ') {
            throw new ResponseParser.ProtocolException("bad status line: " + text(line, 0, Math.min(len, 80)));
        }
        http10 = line[5] == '1' && line[7] == '0';
        int s = 0;
        for (int k = 9; k < 12; k++) {
            byte c = line[k];
            if (c < '0' || c > '9') {
                throw new ResponseParser.ProtocolException("bad status code: " + text(line, 0, Math.min(len, 80)));
            }
            s = s * 10 + (c - '0');
        }
        status = s;
    }

    /** Reads the header (or trailer) line in {@code line[0, len)}. */
    void header(byte[] line, int len) throws ResponseParser.ProtocolException {
        count(len);
        int colon = -1;
        for (int k = 0; k < len; k++) {
            if (line[k] == ':') {
                colon = k;
                break;
            }
        }
        if (colon <= 0) {
            throw new ResponseParser.ProtocolException("bad header line: " + text(line, 0, Math.min(len, 80)));
        }
        int v = colon + 1;
        while (v < len && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        int ve = len;
        while (ve > v && (line[ve - 1] == ' ' || line[ve - 1] == '\t')) {
            ve--;
        }
        if (nameIs(line, colon, "content-length")) {
            contentLength = contentLength(line, v, ve);
        } else if (nameIs(line, colon, "transfer-encoding")) {
            chunked = text(line, v, ve - v).toLowerCase(Locale.ROOT).contains("chunked");
        } else if (nameIs(line, colon, "connection")) {
            String value = text(line, v, ve - v);
            if (value.equalsIgnoreCase("close")) {
                close = true;
            } else if (value.equalsIgnoreCase("keep-alive")) {
                keepAliveHeader = true;
            }
        } else if (nameIs(line, colon, "set-cookie")) {
            if (setCookies == null) {
                setCookies = new ArrayList<>(2);
            }
            if (setCookies.size() == MAX_SET_COOKIES || ve - v > MAX_COOKIE_BYTES) {
                throw new ResponseParser.ProtocolException(ErrorKind.RESPONSE_TOO_LARGE, "over " + MAX_SET_COOKIES
                        + " Set-Cookie headers or one over " + MAX_COOKIE_BYTES + " bytes");
            }
            setCookies.add(text(line, v, ve - v));
        }
    }

    private static long contentLength(byte[] line, int v, int ve) throws ResponseParser.ProtocolException {
        long n = 0;
        if (v == ve) {
            throw new ResponseParser.ProtocolException("empty Content-Length");
        }
        for (int k = v; k < ve; k++) {
            byte c = line[k];
            if (c < '0' || c > '9') {
                throw new ResponseParser.ProtocolException("bad Content-Length: " + text(line, v, ve - v));
            }
            n = n * 10 + (c - '0');
            if (n > Integer.MAX_VALUE) {
                throw new ResponseParser.ProtocolException("Content-Length too large");
            }
        }
        return n;
    }

    private static boolean nameIs(byte[] line, int len, String lower) {
        if (len != lower.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            int c = line[k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static String text(byte[] line, int off, int len) {
        return new String(line, off, len, StandardCharsets.ISO_8859_1);
    }
}
