package dev.chaosjunit.toxiproxy.internal.http;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one HTTP/1.x request incrementally from whatever bytes have arrived (never blocks, never waits for the
 * client), with hard limits: request line, header count, header bytes and body size. Fixed-length and chunked
 * bodies; a request with both {@code Content-Length} and {@code Transfer-Encoding} is refused (no smuggling).
 */
final class RequestParser {
    static final int MAX_REQUEST_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_BODY = 1024 * 1024;

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS }

    private final InetSocketAddress remote;
    private State state = State.REQUEST_LINE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean started;
    private int headerBytes;
    private String method;
    private String path;
    private boolean http10;
    private List<String[]> headers = new ArrayList<>();
    private long remaining;
    private boolean expectContinue;

    RequestParser(InetSocketAddress remote) {
        this.remote = remote;
    }

    /** Whether any byte of the current request has arrived. */
    boolean started() {
        return started;
    }

    /** True once when the headers are in and the client asked for {@code 100 Continue} before sending the body. */
    boolean takeExpectContinue() {
        boolean result = expectContinue;
        expectContinue = false;
        return result;
    }

    /**
     * Consumes bytes from {@code in} up to the end of one request.
     *
     * @return the complete request, or null when more bytes are needed (everything in {@code in} was consumed)
     */
    HttpRequest feed(ByteBuffer in) throws HttpError {
        while (in.hasRemaining()) {
            switch (state) {
                case REQUEST_LINE:
                case HEADERS:
                case CHUNK_SIZE:
                case CHUNK_DATA_END:
                case TRAILERS:
                    String text = readLine(in);
                    if (text == null) {
                        continue;
                    }
                    HttpRequest done = onLine(text);
                    if (done != null) {
                        return done;
                    }
                    break;
                case BODY:
                case CHUNK_DATA:
                    int n = (int) Math.min(remaining, in.remaining());
                    body.write(in.array(), in.arrayOffset() + in.position(), n);
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.BODY) {
                            return complete();
                        }
                        state = State.CHUNK_DATA_END;
                    }
                    break;
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
        return null;
    }

    private String readLine(ByteBuffer in) throws HttpError {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (state == State.REQUEST_LINE && line.size() == 0 && !started && (b == '\r' || b == '\n')) {
                continue; // empty lines before a request are allowed (RFC 9112 2.2)
            }
            if (!started && b == 0x16) {
                throw new HttpError(400, "this API speaks plain HTTP, not TLS (use http://, not https://)");
            }
            started = true;
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            checkLineLength();
        }
        return null;
    }

    private void checkLineLength() throws HttpError {
        int size = line.size();
        if (state == State.REQUEST_LINE && size > MAX_REQUEST_LINE) {
            throw new HttpError(414, "request line longer than " + MAX_REQUEST_LINE + " bytes");
        }
        if ((state == State.HEADERS || state == State.TRAILERS) && headerBytes + size > MAX_HEADER_BYTES) {
            throw new HttpError(431, "request headers larger than " + MAX_HEADER_BYTES + " bytes");
        }
        if ((state == State.CHUNK_SIZE || state == State.CHUNK_DATA_END) && size > 1024) {
            throw new HttpError(400, "bad chunk header: longer than 1024 bytes");
        }
    }

    private HttpRequest onLine(String text) throws HttpError {
        switch (state) {
            case REQUEST_LINE:
                requestLine(text);
                state = State.HEADERS;
                return null;
            case HEADERS:
                if (text.isEmpty()) {
                    return headersDone();
                }
                headers.add(headerLine(text));
                return null;
            case CHUNK_SIZE:
                remaining = chunkSize(text);
                if (remaining == 0) {
                    state = State.TRAILERS;
                } else {
                    if (body.size() + remaining > MAX_BODY) {
                        throw new HttpError(413, "bad request body: larger than " + MAX_BODY + " bytes");
                    }
                    state = State.CHUNK_DATA;
                }
                return null;
            case CHUNK_DATA_END:
                if (!text.isEmpty()) {
                    throw new HttpError(400, "bad chunk: data longer than its size");
                }
                state = State.CHUNK_SIZE;
                return null;
            case TRAILERS:
                if (text.isEmpty()) {
                    return complete();
                }
                headerLine(text); // trailers are read and dropped
                return null;
            default:
                throw new IllegalStateException(state.toString());
        }
    }

    private void requestLine(String text) throws HttpError {
        String[] parts = text.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new HttpError(400, "malformed request line (expected METHOD target HTTP/1.1)");
        }
        for (int i = 0; i < parts[0].length(); i++) {
            char c = parts[0].charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new HttpError(400, "malformed request line: bad method");
            }
        }
        http10 = parts[2].equals("HTTP/1.0");
        if (!http10 && !parts[2].equals("HTTP/1.1")) {
            throw new HttpError(parts[2].startsWith("HTTP/") ? 505 : 400, "unsupported protocol version (HTTP/1.1 or 1.0)");
        }
        method = parts[0];
        String target = parts[1];
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            if (scheme < 0) {
                throw new HttpError(400, "malformed request target");
            }
            int slash = target.indexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int query = target.indexOf('?');
        int fragment = target.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : target.length();
        path = target.substring(0, end);
    }

    private String[] headerLine(String text) throws HttpError {
        headerBytes += text.length() + 2;
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new HttpError(431, "request headers larger than " + MAX_HEADER_BYTES + " bytes");
        }
        if (headers.size() >= MAX_HEADERS) {
            throw new HttpError(431, "more than " + MAX_HEADERS + " request headers");
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || text.charAt(0) == ' ' || text.charAt(0) == '\t') {
            throw new HttpError(400, "malformed header line");
        }
        String name = text.substring(0, colon);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new HttpError(400, "malformed header name");
            }
        }
        return new String[] {name, text.substring(colon + 1).trim()};
    }

    private HttpRequest headersDone() throws HttpError {
        HttpRequest head = new HttpRequest(method, path, headers, null, remote, false);
        String transferEncoding = head.header("Transfer-Encoding");
        int lengths = head.count("Content-Length");
        if (transferEncoding != null) {
            if (lengths > 0) {
                throw new HttpError(400, "both Content-Length and Transfer-Encoding");
            }
            if (!transferEncoding.trim().equalsIgnoreCase("chunked") || head.count("Transfer-Encoding") > 1) {
                throw new HttpError(501, "unsupported Transfer-Encoding '" + transferEncoding + "' (only chunked)");
            }
            state = State.CHUNK_SIZE;
        } else if (lengths > 0) {
            String value = head.header("Content-Length");
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase("Content-Length") && !header[1].equals(value)) {
                    throw new HttpError(400, "conflicting Content-Length headers");
                }
            }
            if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new HttpError(400, "bad Content-Length '" + value + "'");
            }
            remaining = Long.parseLong(value);
            if (remaining > MAX_BODY) {
                throw new HttpError(413, "bad request body: larger than " + MAX_BODY + " bytes");
            }
            if (remaining == 0) {
                return complete();
            }
            state = State.BODY;
        } else {
            return complete();
        }
        String expect = head.header("Expect");
        if (expect != null) {
            if (!expect.toLowerCase(Locale.ROOT).equals("100-continue")) {
                throw new HttpError(417, "unsupported Expect '" + expect + "'");
            }
            expectContinue = !http10;
        }
        return null;
    }

    private static long chunkSize(String text) throws HttpError {
        int semicolon = text.indexOf(';');
        String hex = (semicolon >= 0 ? text.substring(0, semicolon) : text).trim();
        if (hex.isEmpty() || hex.length() > 8) {
            throw new HttpError(400, "bad chunk header");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new HttpError(400, "bad chunk header");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private HttpRequest complete() {
        HttpRequest head = new HttpRequest(method, path, headers, null, remote, false);
        boolean keepAlive = http10 ? head.headerHasToken("Connection", "keep-alive")
                : !head.headerHasToken("Connection", "close");
        HttpRequest request = new HttpRequest(method, path, List.copyOf(headers), body.toByteArray(), remote,
                keepAlive);
        reset();
        return request;
    }

    private void reset() {
        state = State.REQUEST_LINE;
        line.reset();
        body.reset();
        started = false;
        headerBytes = 0;
        headers = new ArrayList<>();
        remaining = 0;
        expectContinue = false;
    }
}
