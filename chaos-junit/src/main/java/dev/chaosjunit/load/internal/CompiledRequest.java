package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.Capture;
import dev.chaosjunit.load.Check;
import dev.chaosjunit.load.Request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link Request} turned into bytes once; only templated parts and cookies are encoded per send. */
final class CompiledRequest {

    /** Thrown when a {@code ${name}} has no captured value in the session. */
    static final class MissingVariable extends Exception {
        private static final long serialVersionUID = 1L;

        MissingVariable(String message) {
            super(message, null, false, false);
        }
    }

    final Request request;
    final boolean head;
    final boolean needsBody;
    final Check statusCheck;
    final List<Check> bodyChecks = new ArrayList<>();
    final List<Capture> captures;
    private final String hostHeader;
    private final boolean templated;
    private final byte[] staticBytes;

    CompiledRequest(Request request, String hostHeader) {
        this.request = request;
        this.hostHeader = hostHeader;
        this.head = request.method().equals("HEAD");
        Check status = null;
        for (Check c : request.checks()) {
            if (c.isStatusCheck()) {
                status = status == null ? c : status;
            } else {
                bodyChecks.add(c);
            }
        }
        this.statusCheck = status;
        this.captures = request.captures();
        this.needsBody = !bodyChecks.isEmpty() || !captures.isEmpty();
        boolean t = request.path().contains("${") || (request.body() != null && request.body().contains("${"));
        for (String[] h : request.headers()) {
            t |= h[1].contains("${");
        }
        this.templated = t;
        this.staticBytes = templated ? null : staticBytes();
    }

    byte[] encode(Session session) throws MissingVariable {
        if (!templated && (session == null || session.cookies.isEmpty())) {
            return staticBytes;
        }
        return build(session, session == null || session.cookies.isEmpty() ? null : session.cookieHeader());
    }

    private byte[] staticBytes() {
        try {
            return build(null, null);
        } catch (MissingVariable e) {
            throw new IllegalStateException(e); // unreachable: a request without ${...} has no variables
        }
    }

    private byte[] build(Session session, String cookie) throws MissingVariable {
        {
            StringBuilder sb = new StringBuilder(128);
            sb.append(request.method()).append(' ').append(sub(request.path(), session)).append(" HTTP/1.1\r\n");
            sb.append("Host: ").append(hostHeader).append("\r\n");
            for (String[] h : request.headers()) {
                sb.append(h[0]).append(": ").append(sub(h[1], session)).append("\r\n");
            }
            if (cookie != null) {
                sb.append("Cookie: ").append(cookie).append("\r\n");
            }
            byte[] body = request.body() == null ? null : sub(request.body(), session).getBytes(StandardCharsets.UTF_8);
            if (body != null || methodExpectsBody()) {
                sb.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            }
            sb.append("\r\n");
            byte[] headBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (body == null || body.length == 0) {
                return headBytes;
            }
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }

    private boolean methodExpectsBody() {
        String m = request.method();
        return m.equals("POST") || m.equals("PUT") || m.equals("PATCH");
    }

    private static String sub(String text, Session session) throws MissingVariable {
        int i = text.indexOf("${");
        if (i < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int from = 0;
        while (i >= 0) {
            int end = text.indexOf('}', i);
            if (end < 0) {
                break;
            }
            String name = text.substring(i + 2, end);
            String value = session == null ? null : session.vars.get(name);
            if (value == null) {
                throw new MissingVariable("no value captured for ${" + name + "} in this session");
            }
            sb.append(text, from, i).append(value);
            from = end + 1;
            i = text.indexOf("${", from);
        }
        sb.append(text, from, text.length());
        return sb.toString();
    }
}
