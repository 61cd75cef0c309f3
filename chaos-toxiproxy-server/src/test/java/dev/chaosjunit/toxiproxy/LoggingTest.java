package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server logs through System.Logger under {@code dev.chaosjunit.toxiproxy}: the per-proxy lines are DEBUG
 * (quiet when embedded), raising {@code dev.chaosjunit} shows them, and every name in them is escaped.
 */
class LoggingTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger parent = Logger.getLogger("dev.chaosjunit");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (parent.isLoggable(record.getLevel()) || record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void capture() {
        before = parent.getLevel();
        capture.setLevel(Level.ALL);
        parent.addHandler(capture);
    }

    @AfterEach
    void release() {
        parent.removeHandler(capture);
        parent.setLevel(before);
    }

    private List<String> messages() {
        return records.stream().filter(r -> r.getLoggerName().startsWith("dev.chaosjunit.toxiproxy"))
                .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
    }

    @Test
    void perProxyLinesAreDebugAndQuietByDefault() throws Exception {
        parent.setLevel(null); // inherit: INFO from the root, as in a test JVM that configured nothing
        try (ToxiproxyServer server = ToxiproxyServer.start()) {
            Net.request(server, "POST", "/proxies", "{\"name\":\"quiet\",\"upstream\":\"127.0.0.1:9\"}");
            Net.request(server, "DELETE", "/proxies/quiet", null);
        }
        assertThat(messages()).noneMatch(m -> m.contains("'quiet'"));
    }

    @Test
    void raisingDevChaosjunitToDebugShowsThemWithEveryNameEscaped() throws Exception {
        parent.setLevel(Level.FINE); // what -Dchaos.verbose=true does to the loggers dev.chaosjunit*
        try (ToxiproxyServer server = ToxiproxyServer.start()) {
            String forged = "x\\n2026-12-01T00:00:00Z INFO proxy 'admin' created\\r\\u0000\\u001b[31m\\u2028end";
            assertThat(Net.request(server, "POST", "/proxies", "{\"name\":\"" + forged
                    + "\",\"upstream\":\"127.0.0.1:9\"}").statusCode()).isEqualTo(201);
        }
        List<String> lines = messages();
        assertThat(lines).anyMatch(m -> m.startsWith("proxy 'x\\n2026-12-01T00:00:00Z INFO proxy 'admin' created"
                + "\\r\\u0000\\u001b[31m\\u2028end' created"));
        assertThat(lines).anyMatch(m -> m.contains("listening on 127.0.0.1:"));
        for (String line : lines) {
            assertThat(line.chars()).as(line).noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x2028);
        }
    }
}
