package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics}: Toxiproxy 2.5.0's proxy metrics (same names and labels) under {@code -proxy-metrics},
 * process and JVM metrics under {@code -runtime-metrics}, no endpoint without either; a real Prometheus scrapes it.
 */
class MetricsTest {

    private static List<String> samples(ToxiproxyServer server, String prefix) {
        HttpResponse<String> response = Net.request(server, "GET", "/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        return Arrays.stream(response.body().split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Sends {@code bytes} bytes through the proxy to the echo server and reads them back. */
    private static void echoThrough(Proxy proxy, int bytes) throws Exception {
        try (Socket socket = Net.connect(proxy.getListen())) {
            byte[] data = new byte[bytes];
            Arrays.fill(data, (byte) 'm');
            socket.getOutputStream().write(data);
            assertThat(Net.readExactly(socket.getInputStream(), bytes)).isEqualTo(data);
        }
    }

    @Test
    void noMetricsEndpointUnlessEnabledAsInToxiproxy() {
        try (ToxiproxyServer server = ToxiproxyServer.start()) {
            HttpResponse<String> response = Net.request(server, "GET", "/metrics", null);
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void proxyMetricsCountEveryByteWithToxiproxysNamesAndLabels() throws Exception {
        try (TestUpstream echo = TestUpstream.echo();
                ToxiproxyServer server = ToxiproxyServer.builder().proxyMetrics(true).build().startServer()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            assertThat(samples(server, "toxiproxy_")).as("no series before any traffic").isEmpty();
            Proxy proxy = client.createProxy("shopify_http", "127.0.0.1:0", echo.address());
            echoThrough(proxy, 1000);
            echoThrough(proxy, 234);
            String labels = "listener=\"" + proxy.getListen() + "\",proxy=\"shopify_http\",upstream=\""
                    + echo.address() + "\"";
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(samples(server, "toxiproxy_"))
                    .containsExactlyInAnyOrder(
                            "toxiproxy_proxy_received_bytes_total{direction=\"upstream\"," + labels + "} 1234",
                            "toxiproxy_proxy_received_bytes_total{direction=\"downstream\"," + labels + "} 1234",
                            "toxiproxy_proxy_sent_bytes_total{direction=\"upstream\"," + labels + "} 1234",
                            "toxiproxy_proxy_sent_bytes_total{direction=\"downstream\"," + labels + "} 1234"));
            assertThat(samples(server, "go_")).isEmpty();
            assertThat(samples(server, "jvm_")).as("runtime metrics are off").isEmpty();

            // The same series through a toxic that holds data (the slow path counts too), on a new upstream label.
            proxy.toxics().latency("lag", eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM, 1);
            echoThrough(proxy, 66);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(samples(server, "toxiproxy_"))
                    .contains("toxiproxy_proxy_sent_bytes_total{direction=\"downstream\"," + labels + "} 1300"));
        }
    }

    @Test
    void runtimeMetricsAreTheProcessAndTheJvmNotGo() {
        try (ToxiproxyServer server = ToxiproxyServer.builder().runtimeMetrics(true).build().startServer()) {
            List<String> all = samples(server, "");
            assertThat(all).anyMatch(l -> l.startsWith("process_cpu_seconds_total "))
                    .anyMatch(l -> l.startsWith("process_open_fds "))
                    .anyMatch(l -> l.startsWith("process_resident_memory_bytes "))
                    .anyMatch(l -> l.startsWith("process_start_time_seconds "))
                    .anyMatch(l -> l.startsWith("process_virtual_memory_max_bytes "))
                    .anyMatch(l -> l.startsWith("jvm_memory_bytes_used{area=\"heap\"} "))
                    .anyMatch(l -> l.startsWith("jvm_threads_current "))
                    .anyMatch(l -> l.startsWith("jvm_gc_collection_seconds_count{gc=\""))
                    .anyMatch(l -> l.startsWith("chaos_toxiproxy_server_build_info{version=\"" + ToxiproxyServer.VERSION
                            + "\",toxiproxy_version=\"2.5.0\""))
                    .noneMatch(l -> l.startsWith("go_"))
                    .noneMatch(l -> l.startsWith("toxiproxy_"));
        }
    }

    @Test
    void aRealPrometheusScrapesIt() throws Exception {
        Assumptions.assumeTrue(PrometheusProcess.binary().isPresent(), PrometheusProcess.MISSING);
        try (TestUpstream echo = TestUpstream.echo();
                ToxiproxyServer server = ToxiproxyServer.builder().proxyMetrics(true).runtimeMetrics(true).build()
                        .startServer()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy proxy = client.createProxy("scraped", "127.0.0.1:0", echo.address());
            echoThrough(proxy, 4321);
            try (PrometheusProcess prometheus = PrometheusProcess.start(server.host() + ":" + server.port())) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    JsonObject target = prometheus.target();
                    assertThat(target.has("health") ? target.get("health").getAsString() : "none")
                            .as("scrape health; last error: %s; log: %s", target.get("lastError"), prometheus.log())
                            .isEqualTo("up");
                });
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    JsonArray result = prometheus.query(
                            "toxiproxy_proxy_sent_bytes_total{direction=\"downstream\",proxy=\"scraped\"}");
                    assertThat(result).hasSize(1);
                    JsonObject metric = result.get(0).getAsJsonObject().getAsJsonObject("metric");
                    assertThat(metric.get("listener").getAsString()).isEqualTo(proxy.getListen());
                    assertThat(metric.get("upstream").getAsString()).isEqualTo(echo.address());
                    assertThat(result.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString())
                            .isEqualTo("4321");
                });
                assertThat(prometheus.query("jvm_threads_current")).hasSize(1);
                assertThat(prometheus.query("{__name__=~\"go_.*\"}")).isEmpty();
            }
        }
    }
}
