package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Toxics named the way chaos-junit names them ({@code chaos-junit.<run>.<expiresEpochSeconds>.<what>}) are removed
 * by the server itself once their time has passed, so a test JVM killed mid-experiment cannot leave chaos behind on a
 * standalone server. Other toxics, and proxies (which only pass traffic), are never touched.
 */
class ExpiryTest {

    @Test
    void expiredToxicsAreRemovedAndEverythingElseStays() throws IOException {
        long past = Instant.now().getEpochSecond() - 10;
        long future = Instant.now().getEpochSecond() + 3600;
        try (ToxiproxyServer server = ToxiproxyServer.builder().expirySweep(Duration.ofMillis(100)).build().startServer();
                TestUpstream echo = TestUpstream.echo()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy live = client.createProxy("chaos-junit.abc123.%d.proxy-orders-2".formatted(past), "127.0.0.1:0",
                    echo.address());
            Proxy plain = client.createProxy("payments", "127.0.0.1:0", echo.address());
            live.toxics().latency("chaos-junit.abc123.%d.latency-3".formatted(past), ToxicDirection.DOWNSTREAM, 100);
            live.toxics().latency("chaos-junit.abc123.%d.latency-4".formatted(future), ToxicDirection.UPSTREAM, 100);
            plain.toxics().latency("latency_downstream", ToxicDirection.DOWNSTREAM, 100);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(live.toxics().getAll()).extracting(t -> t.getName())
                        .containsExactly("chaos-junit.abc123.%d.latency-4".formatted(future));
            });
            assertThat(plain.toxics().getAll()).extracting(t -> t.getName()).containsExactly("latency_downstream");
            assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder(
                    "chaos-junit.abc123.%d.proxy-orders-2".formatted(past), "payments");
        }
    }

    @Test
    void theSweepIntervalIsValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToxiproxyServer.builder().expirySweep(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expirySweep must be from 10ms to 1h, got PT0S");
    }
}
