package dev.chaosjunit.prometheus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusServerProcessTest {

    @Test
    @EnabledIfPrometheusInstalled
    void startsQuicklyOnLoopbackAndLeavesNothingBehind() {
        Path dir;
        ProcessHandle handle;
        try (PrometheusServerProcess prometheus = PrometheusServerProcess.builder()
                .scrapeInterval(Duration.ofSeconds(1)).start()) {
            dir = prometheus.directory();
            handle = ProcessHandle.of(prometheus.pid()).orElseThrow();
            assertThat(prometheus.isAlive()).isTrue();
            assertThat(prometheus.url()).isEqualTo("http://127.0.0.1:" + prometheus.port());
            // ready in 1-3s (longer on a busy machine); a readiness check that never sees it ready waits out the 30s
            // start timeout and fails there: 20s is far from both
            assertThat(prometheus.startupTime()).isLessThan(Duration.ofSeconds(20));
            assertThat(prometheus.log()).contains("Server is ready to receive web requests.");
            System.out.println("prometheus startup: " + prometheus.startupTime().toMillis() + "ms");
        }
        assertThat(handle.isAlive()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void generatedConfigScrapesTheGivenTargetsEverySecond() {
        String yml = PrometheusServerProcess.builder().target("svc", "127.0.0.1:1234")
                .target("svc", "127.0.0.1:1235").target("other", "127.0.0.1:99").config();

        assertThat(yml).isEqualTo("global:\n"
                + "  scrape_interval: 1000ms\n"
                + "  scrape_timeout: 1000ms\n"
                + "  evaluation_interval: 1000ms\n"
                + "scrape_configs:\n"
                + "  - job_name: 'svc'\n"
                + "    metrics_path: /metrics\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:1234', '127.0.0.1:1235']\n"
                + "  - job_name: 'other'\n"
                + "    metrics_path: /metrics\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:99']\n");
        assertThat(PrometheusServerProcess.builder().config()).endsWith("scrape_configs: []\n");
    }

    @Test
    void missingBinaryDisablesWithAReason(@TempDir Path emptyDir) throws Exception {
        assertThat(PrometheusBinary.findOnPath(emptyDir.toString())).isEmpty();
        var result = PrometheusInstalledCondition.evaluate(Optional.empty());
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).contains("prometheus not found on PATH: install the Debian package "
                + "'prometheus' (scripts/install-test-deps.sh)");

        Path fake = Files.createFile(emptyDir.resolve("prometheus"));
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThat(PrometheusBinary.findOnPath("/nonexistent:" + emptyDir)).contains(fake);
        assertThat(PrometheusInstalledCondition.evaluate(Optional.of(fake)).isDisabled()).isFalse();
    }
}
