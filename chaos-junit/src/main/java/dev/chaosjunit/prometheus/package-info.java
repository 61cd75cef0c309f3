/**
 * Steady-state checks judged from Prometheus queries ({@link dev.chaosjunit.prometheus.PrometheusCheck}) and a\n * small Prometheus HTTP API client.
 */
package dev.chaosjunit.prometheus;
