package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.Capture;
import dev.chaosjunit.load.Check;
import dev.chaosjunit.load.ErrorKind;

/** Judges one complete response against its request's checks and captures; keeps cookies and captured values. */
final class ResponseChecks {

    private ResponseChecks() {
    }

    /**
     * Why the response that {@code parser} read fails {@code request}, or {@code null} when it passes. Its cookies
     * go into {@code session} in any case (unless they would overflow it), its captured values only while every
     * check passed.
     */
    static ErrorKind judge(CompiledRequest request, ResponseParser parser, Session session) {
        int status = parser.status();
        ErrorKind kind = null;
        if (request.statusCheck != null ? !request.statusCheck.acceptsStatus(status) : status >= 400) {
            kind = status >= 500 ? ErrorKind.HTTP_5XX : status >= 400 ? ErrorKind.HTTP_4XX : ErrorKind.CHECK_FAILED;
        }
        boolean cookiesKept = session.applySetCookies(parser.setCookies());
        if (kind != null) {
            return kind;
        }
        if (!cookiesKept) {
            return ErrorKind.RESPONSE_TOO_LARGE;
        }
        for (Check check : request.bodyChecks) {
            if (check.testBody(parser.body(), parser.bodyLength()) != null) {
                return ErrorKind.CHECK_FAILED;
            }
        }
        for (Capture capture : request.captures) {
            String value = capture.extract(parser.body(), parser.bodyLength());
            if (value == null) {
                return ErrorKind.CHECK_FAILED;
            }
            session.vars.put(capture.name(), value);
        }
        return null;
    }
}
