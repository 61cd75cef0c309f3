package dev.chaosjunit.load.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosjunit.load.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the driver keeps per response is bounded; at a bound the response counts as RESPONSE_TOO_LARGE. */
class ResponseBoundsTest {

    private static boolean feed(ResponseParser p, String s) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return p.feed(b, 0, b.length);
    }

    private static String head(int lines, String line) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < lines; i++) {
            sb.append(String.format(line, i)).append("\r\n");
        }
        return sb.toString();
    }

    private static ResponseParser parser() {
        ResponseParser p = new ResponseParser();
        p.reset(false, false);
        return p;
    }

    @Test
    void aHeadUpToTheLineBoundIsRead() throws Exception {
        // the status line counts as one of the head's lines
        ResponseParser p = parser();
        assertThat(feed(p, head(ResponseHead.MAX_HEADER_LINES - 2, "X-H%d: v") + "Content-Length: 0\r\n\r\n"))
                .isTrue();
        assertThat(p.status()).isEqualTo(200);
    }

    @Test
    void oneHeaderLineMoreIsTooLarge() {
        ResponseParser p = parser();
        assertThatThrownBy(() -> feed(p, head(ResponseHead.MAX_HEADER_LINES, "X-H%d: v")))
                .isInstanceOfSatisfying(ResponseParser.ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE));
    }

    @Test
    void theHeadIsBoundedInBytesToo() {
        String value = "v".repeat(60 * 1024);   // under the line bound, so only the head's size can stop it
        ResponseParser p = parser();
        assertThatThrownBy(() -> feed(p, head(5, "X-H%d: " + value)))
                .isInstanceOfSatisfying(ResponseParser.ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE));
    }

    @Test
    void setCookieHeadersAreBoundedInNumberAndSize() throws Exception {
        ResponseParser p = parser();
        assertThat(feed(p, head(ResponseHead.MAX_SET_COOKIES, "Set-Cookie: c%d=v") + "Content-Length: 0\r\n\r\n"))
                .isTrue();
        assertThat(p.setCookies()).hasSize(ResponseHead.MAX_SET_COOKIES);

        ResponseParser more = parser();
        assertThatThrownBy(() -> feed(more, head(ResponseHead.MAX_SET_COOKIES + 1, "Set-Cookie: c%d=v")))
                .isInstanceOfSatisfying(ResponseParser.ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE));

        ResponseParser big = parser();
        String cookie = "Set-Cookie: c=" + "v".repeat(ResponseHead.MAX_COOKIE_BYTES);
        assertThatThrownBy(() -> feed(big, head(1, cookie)))
                .isInstanceOfSatisfying(ResponseParser.ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE));
    }

    @Test
    void endlessTrailersAreBoundedLikeHeaders() {
        ResponseParser p = parser();
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
                + "X-T: 1\r\n".repeat(ResponseHead.MAX_HEADER_LINES);
        assertThatThrownBy(() -> feed(p, chunked))
                .isInstanceOfSatisfying(ResponseParser.ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE));
    }

    @Test
    void aSessionKeepsAtMostItsBoundOfCookiesAndNoneOfAResponseThatWouldPassIt() {
        Session s = new Session();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < Session.MAX_COOKIES; i++) {
            many.add("c" + i + "=v; Path=/");
        }
        assertThat(s.applySetCookies(many)).isTrue();
        assertThat(s.cookies).hasSize(Session.MAX_COOKIES);
        assertThat(s.applySetCookies(List.of("c0=changed", "extra=1"))).isFalse();
        assertThat(s.cookies).hasSize(Session.MAX_COOKIES).containsEntry("c0", "v").doesNotContainKey("extra");
        assertThat(s.applySetCookies(List.of("c0=changed"))).as("replacing a cookie stays within the bound").isTrue();
        assertThat(s.cookies).containsEntry("c0", "changed");
    }
}
