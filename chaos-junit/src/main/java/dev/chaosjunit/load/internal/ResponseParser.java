package dev.chaosjunit.load.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental HTTP/1.1 response parser: status line, headers ({@code Content-Length}, chunked
 * {@code Transfer-Encoding}, {@code Connection}, {@code Set-Cookie}), and a body that is kept only when a check or
 * capture needs it. One response at a time (no pipelining). Not thread-safe.
 */
final class ResponseParser {

    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message, null, false, false);
        }
    }

    private static final int STATUS = 0, HEADERS = 1, BODY_FIXED = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4,
            CHUNK_DATA_END = 5, TRAILERS = 6, BODY_UNTIL_CLOSE = 7, DONE = 8;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private int state;
    private byte[] line = new byte[512];
    private int lineLen;
    private boolean started;

    private int status;
    private boolean http10;
    private boolean keepAliveHeader;
    private boolean close;
    private long contentLength;
    private boolean chunked;
    private long remaining;
    private boolean head;

    private boolean keepBody;
    private byte[] body = new byte[0];
    private int bodyLen;
    private List<String> setCookies;

    void reset(boolean keepBody, boolean head) {
        this.state = STATUS;
        this.lineLen = 0;
        this.started = false;
        this.status = 0;
        this.http10 = false;
        this.keepAliveHeader = false;
        this.close = false;
        this.contentLength = -1;
        this.chunked = false;
        this.remaining = 0;
        this.head = head;
        this.keepBody = keepBody;
        this.bodyLen = 0;
        this.setCookies = null;
    }

    boolean started() {
        return started;
    }

    int status() {
        return status;
    }

    /** Whether the connection must be closed after this response. */
    boolean closeAfter() {
        return close || (http10 && !keepAliveHeader);
    }

    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLen;
    }

    List<String> setCookies() {
        return setCookies == null ? List.of() : setCookies;
    }

    /** Feeds bytes; returns {@code true} when the response is complete (remaining bytes are ignored). */
    boolean feed(byte[] buf, int off, int end) throws ProtocolException {
        if (end > off) {
            started = true;
        }
        int i = off;
        while (i < end) {
            switch (state) {
                case STATUS:
                case HEADERS:
                case CHUNK_SIZE:
                case CHUNK_DATA_END:
                case TRAILERS: {
                    int nl = -1;
                    for (int j = i; j < end; j++) {
                        if (buf[j] == '\n') {
                            nl = j;
                            break;
                        }
                    }
                    int stop = nl < 0 ? end : nl;
                    appendLine(buf, i, stop - i);
                    i = stop;
                    if (nl >= 0) {
                        i = nl + 1;
                        int len = lineLen;
                        if (len > 0 && line[len - 1] == '\r') {
                            len--;
                        }
                        lineLen = 0;
                        onLine(len);
                        if (state == DONE) {
                            return true;
                        }
                    }
                    break;
                }
                case BODY_FIXED:
                case CHUNK_DATA: {
                    int n = (int) Math.min(remaining, end - i);
                    appendBody(buf, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == BODY_FIXED) {
                            state = DONE;
                            return true;
                        }
                        state = CHUNK_DATA_END;
                    }
                    break;
                }
                case BODY_UNTIL_CLOSE: {
                    appendBody(buf, i, end - i);
                    i = end;
                    break;
                }
                default:
                    return true;
            }
        }
        return state == DONE;
    }

    /** The peer closed: returns {@code true} if that completes the response (a body delimited by close). */
    boolean onEof() {
        if (state == BODY_UNTIL_CLOSE) {
            state = DONE;
            return true;
        }
        return false;
    }

    private void onLine(int len) throws ProtocolException {
        switch (state) {
            case STATUS:
                if (len == 0) {
                    return; // tolerate a stray CRLF before the status line
                }
                if (len < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
                        || line[8] != ' ') {
                    throw new ProtocolException("bad status line: " + text(0, Math.min(len, 80)));
                }
                http10 = line[5] == '1' && line[7] == '0';
                int s = 0;
                for (int k = 9; k < 12; k++) {
                    byte c = line[k];
                    if (c < '0' || c > '9') {
                        throw new ProtocolException("bad status code: " + text(0, Math.min(len, 80)));
                    }
                    s = s * 10 + (c - '0');
                }
                status = s;
                state = HEADERS;
                return;
            case HEADERS:
                if (len == 0) {
                    endOfHeaders();
                    return;
                }
                header(len);
                return;
            case CHUNK_SIZE: {
                long size = 0;
                int k = 0;
                for (; k < len; k++) {
                    int d = Character.digit(line[k], 16);
                    if (d < 0) {
                        break;
                    }
                    size = size * 16 + d;
                    if (size > Integer.MAX_VALUE) {
                        throw new ProtocolException("chunk too large");
                    }
                }
                if (k == 0) {
                    throw new ProtocolException("bad chunk size: " + text(0, Math.min(len, 40)));
                }
                if (size == 0) {
                    state = TRAILERS;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
                return;
            }
            case CHUNK_DATA_END:
                if (len != 0) {
                    throw new ProtocolException("missing CRLF after chunk data");
                }
                state = CHUNK_SIZE;
                return;
            case TRAILERS:
                if (len == 0) {
                    state = DONE;
                }
                return;
            default:
        }
    }

    private void endOfHeaders() throws ProtocolException {
        if (status >= 100 && status < 200) {
            state = STATUS; // interim response (100 Continue): the real one follows
            return;
        }
        if (head || status == 204 || status == 304) {
            state = DONE;
        } else if (chunked) {
            state = CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? DONE : BODY_FIXED;
        } else {
            close = true;
            state = BODY_UNTIL_CLOSE;
        }
    }

    private void header(int len) throws ProtocolException {
        int colon = -1;
        for (int k = 0; k < len; k++) {
            if (line[k] == ':') {
                colon = k;
                break;
            }
        }
        if (colon <= 0) {
            throw new ProtocolException("bad header line: " + text(0, Math.min(len, 80)));
        }
        int v = colon + 1;
        while (v < len && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        int ve = len;
        while (ve > v && (line[ve - 1] == ' ' || line[ve - 1] == '\t')) {
            ve--;
        }
        if (nameIs(colon, "content-length")) {
            long n = 0;
            if (v == ve) {
                throw new ProtocolException("empty Content-Length");
            }
            for (int k = v; k < ve; k++) {
                byte c = line[k];
                if (c < '0' || c > '9') {
                    throw new ProtocolException("bad Content-Length: " + text(v, ve - v));
                }
                n = n * 10 + (c - '0');
                if (n > Integer.MAX_VALUE) {
                    throw new ProtocolException("Content-Length too large");
                }
            }
            contentLength = n;
        } else if (nameIs(colon, "transfer-encoding")) {
            chunked = text(v, ve - v).toLowerCase(java.util.Locale.ROOT).contains("chunked");
        } else if (nameIs(colon, "connection")) {
            String value = text(v, ve - v);
            if (value.equalsIgnoreCase("close")) {
                close = true;
            } else if (value.equalsIgnoreCase("keep-alive")) {
                keepAliveHeader = true;
            }
        } else if (nameIs(colon, "set-cookie")) {
            if (setCookies == null) {
                setCookies = new ArrayList<>(2);
            }
            setCookies.add(text(v, ve - v));
        }
    }

    private boolean nameIs(int len, String lower) {
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

    private void appendLine(byte[] buf, int off, int n) throws ProtocolException {
        if (n == 0) {
            return;
        }
        if (lineLen + n > line.length) {
            if (lineLen + n > MAX_LINE) {
                throw new ProtocolException("header line longer than " + MAX_LINE + " bytes");
            }
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(buf, off, line, lineLen, n);
        lineLen += n;
    }

    private void appendBody(byte[] buf, int off, int n) {
        if (!keepBody || n == 0) {
            return;
        }
        int keep = Math.min(n, MAX_BODY - bodyLen);
        if (keep <= 0) {
            return;
        }
        if (bodyLen + keep > body.length) {
            body = java.util.Arrays.copyOf(body, Math.max(Math.max(body.length * 2, 1024), bodyLen + keep));
        }
        System.arraycopy(buf, off, body, bodyLen, keep);
        bodyLen += keep;
    }

    private String text(int off, int len) {
        return new String(line, off, len, StandardCharsets.ISO_8859_1);
    }
}
