package dev.chaosjunit.toxiproxy.internal.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Toxiproxy 2.5.0's proxy metrics ({@code -proxy-metrics}): {@code toxiproxy_proxy_received_bytes_total} and
 * {@code toxiproxy_proxy_sent_bytes_total}, counters labelled {@code direction}, {@code listener}, {@code proxy} and
 * {@code upstream}. A label set, once seen, is kept for the server's life (as a Prometheus counter vector keeps it).
 * Bytes are counted as they pass, not when a connection ends.
 */
public final class ProxyMetrics {
    private record Key(String direction, String proxy, String listener, String upstream) {
    }

    private final Map<Key, Traffic> series = new ConcurrentHashMap<>();

    /** The counters of one label set (made on first use). */
    public Traffic traffic(String direction, String proxy, String listener, String upstream) {
        return series.computeIfAbsent(new Key(direction, proxy, listener, upstream), k -> new Traffic());
    }

    void write(PrometheusText out) {
        if (series.isEmpty()) {
            return; // as a Prometheus counter vector with no label set yet: no family at all
        }
        out.family("toxiproxy_proxy_received_bytes_total", "counter",
                "Bytes the proxy read, per direction (upstream: from clients; downstream: from the upstream).");
        series.forEach((key, traffic) -> out.sample("toxiproxy_proxy_received_bytes_total", labels(key),
                traffic.receivedTotal()));
        out.family("toxiproxy_proxy_sent_bytes_total", "counter",
                "Bytes the proxy wrote, per direction (upstream: to the upstream; downstream: to clients).");
        series.forEach((key, traffic) -> out.sample("toxiproxy_proxy_sent_bytes_total", labels(key),
                traffic.sentTotal()));
    }

    private static String[] labels(Key key) {
        return new String[] {"direction", key.direction(), "listener", key.listener(), "proxy", key.proxy(),
            "upstream", key.upstream()};
    }
}
