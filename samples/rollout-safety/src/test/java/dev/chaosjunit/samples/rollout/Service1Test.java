package dev.chaosjunit.samples.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.chaosjunit.samples.rollout.common.Settings;
import dev.chaosjunit.samples.rollout.service1.Service1;
import dev.chaosjunit.samples.rollout.service1.Service1Config;
import dev.chaosjunit.samples.rollout.service2.Service2;
import dev.chaosjunit.samples.rollout.service2.Service2Config;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Service1Test {

    private static Service2 service2(String version, String slowDelay) {
        return Service2.startOnLoopback(Service2Config.from(Settings.of(
                Map.of("SERVICE2_VERSION", version, "SERVICE2_SLOW_DELAY", slowDelay))));
    }

    private static Service1 service1(String service2Url, String timeout) {
        return Service1.startOnLoopback(Service1Config.from(Settings.of(
                Map.of("SERVICE2_URL", service2Url, "SERVICE2_TIMEOUT", timeout))));
    }

    @Test
    void passesService2sCountOnWithItsOwnNameAndVersion() throws Exception {
        try (Service2 s2 = service2("v1", "2s"); Service1 s1 = service1(s2.url(), "10s")) {
            for (int expected = 1; expected <= 3; expected++) {
                Http.Answer a = Http.get(s1.url() + "/");
                assertThat(a.status()).isEqualTo(200);
                JsonObject json = JsonParser.parseString(a.body()).getAsJsonObject();
                assertThat(json.get("svc").getAsString()).isEqualTo("service1");
                assertThat(json.get("version").getAsString()).isEqualTo("2");
                assertThat(json.get("count").getAsLong()).isEqualTo(expected);
                assertThat(json.get("timestamp").getAsDouble()).isPositive();
            }
            // the count lives in service2: a direct call sees the next value
            assertThat(Http.get(s2.url() + "/").body()).contains("\"count\":4");
            String metrics = Http.get(s1.url() + "/metrics").body();
            assertThat(Http.sample(metrics, "service2_calls_total", "outcome=\"ok\"")).contains(3.0);
        }
    }

    @Test
    void aSlowService2BecomesA504AfterTheTimeoutInsteadOfAWait() throws Exception {
        // service2 holds the request 3s, service1 waits 200ms: a 200 would mean the timeout did not work
        try (Service2 s2 = service2("v4", "3s"); Service1 s1 = service1(s2.url(), "200ms")) {
            Http.Answer a = Http.get(s1.url() + "/");
            assertThat(a.status()).isEqualTo(504);
            assertThat(a.body()).isEqualTo("{\"error\":\"service2 did not answer within 200ms\"}");
            assertThat(a.took()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            String metrics = Http.get(s1.url() + "/metrics").body();
            assertThat(Http.sample(metrics, "service2_calls_total", "outcome=\"timeout\"")).contains(1.0);
            assertThat(Http.sample(metrics, "http_server_requests_seconds_count", "uri=\"/\"", "status=\"504\""))
                    .contains(1.0);
        }
    }

    @Test
    void aStoppedService2BecomesA502AndService1StaysReady() throws Exception {
        Service2 s2 = service2("v1", "2s");
        String url = s2.url();
        s2.close();   // nothing listens on that port any more
        try (Service1 s1 = service1(url, "5s")) {
            Http.Answer a = Http.get(s1.url() + "/");
            assertThat(a.status()).isEqualTo(502);
            assertThat(a.body()).startsWith("{\"error\":\"service2 at " + url + "/ is unreachable: ");
            assertThat(Http.get(s1.url() + "/health").status()).isEqualTo(200);
            assertThat(Http.sample(Http.get(s1.url() + "/metrics").body(), "service2_calls_total",
                    "outcome=\"unreachable\"")).contains(1.0);
        }
    }

    @Test
    void aBadAnswerOfService2BecomesA502ThatSaysWhy() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        fake.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean broken = exchange.getRequestURI().getPath().equals("/") && exchange.getRequestURI().getQuery() == null;
            byte[] body = (broken ? "oops" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(broken ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
        String url = "http://127.0.0.1:" + fake.getAddress().getPort();
        try (Service1 s1 = service1(url, "5s")) {
            Http.Answer a = Http.get(s1.url() + "/");
            assertThat(a.status()).isEqualTo(502);
            assertThat(a.body()).isEqualTo("{\"error\":\"service2 answered 500\"}");
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void badSettingsAreRefusedWithWhatIsValid() {
        assertThatThrownBy(() -> Service1Config.from(Settings.of(Map.of("SERVICE2_URL", "service2:8000"))))
                .hasMessage("SERVICE2_URL=service2:8000 is not an http URL with a host, for example http://service2:8000");
        assertThatThrownBy(() -> Service1Config.from(Settings.of(Map.of("SERVICE2_TIMEOUT", "0ms"))))
                .hasMessage("SERVICE2_TIMEOUT must be > 0, got PT0S");
        Service1Config defaults = Service1Config.from(Settings.of(Map.of()));
        assertThat(defaults.service2Url()).hasToString("http://service2:8000");
        assertThat(defaults.service2Timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.port()).isEqualTo(8000);
    }
}
