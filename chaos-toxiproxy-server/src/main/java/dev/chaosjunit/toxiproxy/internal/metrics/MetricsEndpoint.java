package dev.chaosjunit.toxiproxy.internal.metrics;

/** {@code GET /metrics}: the proxy metrics, the runtime metrics, or both, as enabled. */
public final class MetricsEndpoint {
    private final ProxyMetrics proxyMetrics;
    private final RuntimeMetrics runtimeMetrics;

    /**
     * @param proxyMetrics the proxy counters, or null when {@code -proxy-metrics} is off
     * @param runtime      whether {@code -runtime-metrics} is on
     */
    public MetricsEndpoint(ProxyMetrics proxyMetrics, boolean runtime, String version, String apiVersion) {
        this.proxyMetrics = proxyMetrics;
        this.runtimeMetrics = runtime ? new RuntimeMetrics(version, apiVersion) : null;
    }

    /** Whether {@code /metrics} exists at all (as in Toxiproxy, only when some metrics are enabled). */
    public boolean enabled() {
        return proxyMetrics != null || runtimeMetrics != null;
    }

    /** The exposition text. */
    public String render() {
        PrometheusText out = new PrometheusText();
        if (proxyMetrics != null) {
            proxyMetrics.write(out);
        }
        if (runtimeMetrics != null) {
            runtimeMetrics.write(out);
        }
        return out.toString();
    }
}
