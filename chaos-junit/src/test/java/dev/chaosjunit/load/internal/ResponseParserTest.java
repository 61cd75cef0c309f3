package dev.chaosjunit.load.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseParserTest {

    private static boolean feedBytewise(ResponseParser p, String s) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        boolean done = false;
        for (int i = 0; i < b.length && !done; i++) {
            done = p.feed(b, i, i + 1);
        }
        return done;
    }

    @Test
    void contentLengthBodySplitAcrossReads() throws Exception {
        ResponseParser p = new ResponseParser();
        p.reset(true, false);
        assertThat(feedBytewise(p, "HTTP/1.1 201 Created\r\nContent-Length: 5\r\nSet-Cookie: a=1; Path=/\r\n\r\nhel")).isFalse();
        assertThat(feedBytewise(p, "lo")).isTrue();
        assertThat(p.status()).isEqualTo(201);
        assertThat(new String(p.body(), 0, p.bodyLength(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(p.setCookies()).containsExactly("a=1; Path=/");
        assertThat(p.closeAfter()).isFalse();
    }

    @Test
    void chunkedBodyWithTrailers() throws Exception {
        ResponseParser p = new ResponseParser();
        p.reset(true, false);
        String r = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-T: 1\r\n\r\n";
        assertThat(feedBytewise(p, r)).isTrue();
        assertThat(new String(p.body(), 0, p.bodyLength(), StandardCharsets.UTF_8)).isEqualTo("Wikipedia");
    }

    @Test
    void bodyUntilCloseAndConnectionClose() throws Exception {
        ResponseParser p = new ResponseParser();
        p.reset(false, false);
        assertThat(feedBytewise(p, "HTTP/1.0 200 OK\r\n\r\nabc")).isFalse();
        assertThat(p.onEof()).isTrue();
        assertThat(p.closeAfter()).isTrue();
        assertThat(p.bodyLength()).isZero(); // body not kept when nothing needs it

        p.reset(false, false);
        assertThat(feedBytewise(p, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")).isTrue();
        assertThat(p.closeAfter()).isTrue();
    }

    @Test
    void garbageIsAProtocolError() {
        ResponseParser p = new ResponseParser();
        p.reset(false, false);
        assertThatThrownBy(() -> feedBytewise(p, "SSH-2.0-OpenSSH_9.2\r\n"))
                .isInstanceOf(ResponseParser.ProtocolException.class).hasMessageContaining("bad status line");
        p.reset(false, false);
        assertThatThrownBy(() -> feedBytewise(p, "HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n"))
                .isInstanceOf(ResponseParser.ProtocolException.class).hasMessageContaining("Content-Length");
    }
}
