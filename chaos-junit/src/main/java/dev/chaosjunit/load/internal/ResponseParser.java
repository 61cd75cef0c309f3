package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental HTTP/1.1 response parser: frames the response (lines of the head, a body by {@code Content-Length},
 * chunked {@code Transfer-Encoding} or the end of the connection) and hands the head's lines to a
 * {@link ResponseHead}; keeps the body only when a check or capture needs it. One response at a time (no
 * pipelining). Not thread-safe.
 */
final class ResponseParser {

    /** A response the driver cannot read; {@link #kind()} is how the request counts. */
    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        private final ErrorKind kind;

        ProtocolException(String message) {
            this(ErrorKind.PROTOCOL, message);
        }

        ProtocolException(ErrorKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        ErrorKind kind() {
            return kind;
        }
    }

    private static final int STATUS = 0, HEADERS = 1, BODY_FIXED = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4,
            CHUNK_DATA_END = 5, TRAILERS = 6, BODY_UNTIL_CLOSE = 7, DONE = 8;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final ResponseHead head = new ResponseHead();
    private int state;
    private byte[] line = new byte[512];
    private int lineLen;
    private boolean started;
    private long remaining;
    private boolean headRequest;
    private boolean keepBody;
    private byte[] body = new byte[0];
    private int bodyLen;

    void reset(boolean keepBody, boolean headRequest) {
        this.state = STATUS;
        this.lineLen = 0;
        this.started = false;
        this.remaining = 0;
        this.headRequest = headRequest;
        this.keepBody = keepBody;
        this.bodyLen = 0;
        head.reset();
    }

    boolean started() {
        return started;
    }

    int status() {
        return head.status;
    }

    /** Whether the connection must be closed after this response. */
    boolean closeAfter() {
        return head.closeAfter();
    }

    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLen;
    }

    List<String> setCookies() {
        return head.setCookies();
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
                if (len != 0) {   // tolerate a stray CRLF before the status line
                    head.statusLine(line, len);
                    state = HEADERS;
                }
                return;
            case HEADERS:
                if (len == 0) {
                    endOfHead();
                } else {
                    head.header(line, len);
                }
                return;
            case CHUNK_SIZE:
                chunkSize(len);
                return;
            case CHUNK_DATA_END:
                if (len != 0) {
                    throw new ProtocolException("missing CRLF after chunk data");
                }
                state = CHUNK_SIZE;
                return;
            case TRAILERS:
                if (len == 0) {
                    state = DONE;
                } else {
                    head.count(len);
                }
                return;
            default:
        }
    }

    private void chunkSize(int len) throws ProtocolException {
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
            throw new ProtocolException("bad chunk size: " + ResponseHead.text(line, 0, Math.min(len, 40)));
        }
        if (size == 0) {
            state = TRAILERS;
        } else {
            remaining = size;
            state = CHUNK_DATA;
        }
    }

    private void endOfHead() {
        int status = head.status;
        if (status >= 100 && status < 200) {
            state = STATUS; // interim response (100 Continue): the real one follows
            return;
        }
        if (headRequest || status == 204 || status == 304) {
            state = DONE;
        } else if (head.chunked) {
            state = CHUNK_SIZE;
        } else if (head.contentLength >= 0) {
            remaining = head.contentLength;
            state = remaining == 0 ? DONE : BODY_FIXED;
        } else {
            head.close = true;   // the body is delimited by the end of the connection
            state = BODY_UNTIL_CLOSE;
        }
    }

    private void appendLine(byte[] buf, int off, int n) throws ProtocolException {
        if (n == 0) {
            return;
        }
        if (lineLen + n > line.length) {
            if (lineLen + n > MAX_LINE) {
                throw new ProtocolException("header line longer than " + MAX_LINE + " bytes");
            }
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
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
            body = Arrays.copyOf(body, Math.max(Math.max(body.length * 2, 1024), bodyLen + keep));
        }
        System.arraycopy(buf, off, body, bodyLen, keep);
        bodyLen += keep;
    }
}
