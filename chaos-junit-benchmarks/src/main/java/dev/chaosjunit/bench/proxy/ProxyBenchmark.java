package dev.chaosjunit.bench.proxy;

import dev.chaosjunit.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark harness for the embedded Toxiproxy server (not a test): load from {@code wrk} against nginx, direct and
 * through the proxy. Prints markdown tables for docs/benchmarks.md. Run it with {@code scripts/bench-proxy.sh},
 * which starts nginx on loopback with its own config.
 *
 * <pre>
 * ProxyBenchmark --nginx-port 18080 [--seconds 10] [--wrk wrk] [--big /big.bin] [--samples 100]
 *                [--parts wrk,accuracy,bulk] [--loops n (default: one per core)] [--rounds 3]
 *                [--connections 1,16,64] [--toxiproxy-port N --toxiproxy-pid P]
 * </pre>
 *
 * <p>With {@code --toxiproxy-port} (a real {@code toxiproxy-server} on 127.0.0.1, its process id for its CPU time),
 * every throughput round also runs through the real Toxiproxy, side by side, and the table gets the ratio of this
 * server's req/s to Toxiproxy's (median of per-round ratios).
 */
public final class ProxyBenchmark {
    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nginxPort = -1;
        int seconds = 10;
        int samples = 100;
        String wrkPath = "wrk";
        String big = "/big.bin";
        String parts = "wrk,accuracy,bulk";
        int loops = 0;
        int rounds = 3;
        int toxiproxyPort = 0;
        long toxiproxyPid = 0;
        int[] connectionCounts = {1, 16, 64};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nginx-port":
                    nginxPort = Integer.parseInt(args[++i]);
                    break;
                case "--seconds":
                    seconds = Integer.parseInt(args[++i]);
                    break;
                case "--samples":
                    samples = Integer.parseInt(args[++i]);
                    break;
                case "--wrk":
                    wrkPath = args[++i];
                    break;
                case "--big":
                    big = args[++i];
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--loops":
                    loops = Integer.parseInt(args[++i]);
                    break;
                case "--parts":
                    parts = args[++i];
                    break;
                case "--toxiproxy-port":
                    toxiproxyPort = Integer.parseInt(args[++i]);
                    break;
                case "--toxiproxy-pid":
                    toxiproxyPid = Long.parseLong(args[++i]);
                    break;
                case "--connections":
                    connectionCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                default:
                    System.err.println("unknown argument " + args[i]
                            + "; usage: ProxyBenchmark --nginx-port N [--seconds 10] [--samples 100] [--wrk wrk] [--big /big.bin] [--parts wrk,accuracy,bulk] [--loops n] [--rounds 3]");
                    System.exit(2);
            }
        }
        if (nginxPort <= 0) {
            System.err.println("--nginx-port is required (the port of an nginx on 127.0.0.1; see scripts/bench-proxy.sh)");
            System.exit(2);
        }
        Wrk wrk = new Wrk(wrkPath);
        ToxiproxyServer.Builder builder = ToxiproxyServer.builder().seed(1);
        if (loops > 0) {
            builder.eventLoops(loops);
        }
        try (ToxiproxyServer server = builder.build().startServer()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy proxy = client.createProxy("nginx", "127.0.0.1:0", "127.0.0.1:" + nginxPort);
            int proxyPort = Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
            String direct = "http://127.0.0.1:" + nginxPort + "/";
            String proxied = "http://127.0.0.1:" + proxyPort + "/";

            if (parts.contains("wrk")) {
                String real = null;
                if (toxiproxyPort > 0) {
                    ToxiproxyClient realClient = new ToxiproxyClient("127.0.0.1", toxiproxyPort);
                    Proxy realProxy = realClient.createProxy("nginx-real", "127.0.0.1:0", "127.0.0.1:" + nginxPort);
                    real = "http://127.0.0.1:" + realProxy.getListen().substring(realProxy.getListen().lastIndexOf(':') + 1)
                            + "/";
                }
                throughput(wrk, direct, proxied, real, toxiproxyPid, seconds, rounds, connectionCounts);
            }
            if (parts.contains("accuracy")) {
                latencyAccuracy(proxy, proxyPort, samples);
            }
            if (parts.contains("bulk")) {
                bulk(nginxPort, proxyPort, big);
            }
        }
    }

    /**
     * Direct and proxied wrk runs alternate, {@code rounds} times per connection count, and the medians are reported:
     * on a shared machine the load of other processes changes from one run to the next, and alternating keeps that
     * from favouring one side.
     */
    private static void throughput(Wrk wrk, String direct, String proxied, String real, long realPid, int seconds,
            int rounds, int[] connectionCounts) throws Exception {
        System.out.println("warming up the proxy (JIT): wrk -c64 for " + Math.max(3, seconds) + " s");
        wrk.run(proxied, 64, Math.max(3, seconds));
        System.out.println();
        System.out.println("### Requests/s (wrk -t1, " + seconds + " s per run, direct, this proxy"
                + (real != null ? " and Toxiproxy" : "") + " alternating, median of " + rounds
                + " runs each; nginx returning 6 bytes)");
        System.out.println();
        System.out.println("| connections | direct req/s | proxy req/s | proxy/direct (median of per-round ratios) | direct mean latency | proxy mean latency | added per request (from req/s) | proxy CPU per request |"
                + (real != null ? " Toxiproxy req/s | Toxiproxy CPU per request | Toxiproxy added per request | **proxy/Toxiproxy** (median of per-round ratios) |" : ""));
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (real != null ? " ---: | ---: | ---: | ---: |" : ""));
        for (int connections : connectionCounts) {
            List<Wrk.Result> d = new ArrayList<>();
            List<Wrk.Result> p = new ArrayList<>();
            double[] ratios = new double[rounds];
            double[] cpuPerRequest = new double[rounds];
            double[] realRps = new double[rounds];
            double[] realCpu = new double[rounds];
            double[] vsReal = new double[rounds];
            StringBuilder raw = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                Wrk.Result dr = wrk.run(direct, connections, seconds);
                long cpuBefore = processCpuNanos();
                Wrk.Result pr = wrk.run(proxied, connections, seconds);
                long cpuNanos = processCpuNanos() - cpuBefore;
                d.add(dr);
                p.add(pr);
                ratios[round] = pr.requestsPerSecond / dr.requestsPerSecond;
                cpuPerRequest[round] = cpuNanos / 1e3 / (pr.requestsPerSecond * seconds);
                raw.append(String.format(Locale.ROOT, " %.0f/%.0f", dr.requestsPerSecond, pr.requestsPerSecond));
                if (real != null) {
                    long realBefore = pidCpuNanos(realPid);
                    Wrk.Result rr = wrk.run(real, connections, seconds);
                    long realNanos = pidCpuNanos(realPid) - realBefore;
                    realRps[round] = rr.requestsPerSecond;
                    realCpu[round] = realNanos / 1e3 / (rr.requestsPerSecond * seconds);
                    vsReal[round] = pr.requestsPerSecond / rr.requestsPerSecond;
                    raw.append(String.format(Locale.ROOT, "/%.0f", rr.requestsPerSecond));
                    if (!rr.errors.isEmpty()) {
                        raw.append(" (Toxiproxy errors: ").append(rr.errors).append(')');
                    }
                }
                if (!dr.errors.isEmpty() || !pr.errors.isEmpty()) {
                    raw.append(" (errors: ").append(dr.errors).append(pr.errors).append(')');
                }
            }
            double dRps = median(d.stream().mapToDouble(r -> r.requestsPerSecond).toArray());
            double pRps = median(p.stream().mapToDouble(r -> r.requestsPerSecond).toArray());
            double dLat = median(d.stream().mapToDouble(r -> r.meanLatencyMicros).toArray());
            double pLat = median(p.stream().mapToDouble(r -> r.meanLatencyMicros).toArray());
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %.0f µs | %.0f µs | %s | %.1f µs |", connections,
                    dRps, pRps, median(ratios), dLat, pLat,
                    connections == 1 ? String.format(Locale.ROOT, "%.1f µs", 1e6 / pRps - 1e6 / dRps) : "",
                    median(cpuPerRequest));
            if (real != null) {
                double rRps = median(realRps);
                System.out.printf(Locale.ROOT, " %,.0f | %s | %s | **%.2f** |", rRps,
                        realPid > 0 ? String.format(Locale.ROOT, "%.1f µs", median(realCpu)) : "",
                        connections == 1 ? String.format(Locale.ROOT, "%.1f µs", 1e6 / rRps - 1e6 / dRps) : "",
                        median(vsReal));
            }
            System.out.println();
            System.out.println("<!-- runs direct/proxy" + (real != null ? "/Toxiproxy" : "") + " req/s, c=" + connections
                    + ":" + raw + " -->");
        }
    }

    /** CPU time (user + system) of another process, from /proc; 0 when unknown. */
    private static long pidCpuNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L; // 100 ticks per second
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of this JVM (which runs nothing but the proxy while wrk runs). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /**
     * Error of a 100 ms latency toxic. The baseline is the RTT of a request sent after 100 ms of idleness without the
     * toxic (the same cold path: every process on it has been asleep for 100 ms, which on a VM costs wake-up time a
     * back-to-back baseline would not show); the warm back-to-back RTT is printed too. The first requests after
     * adding the toxic (class loading, JIT) are reported apart from the steady state.
     */
    private static void latencyAccuracy(Proxy proxy, int proxyPort, int samples) throws Exception {
        int warmup = 5;
        double[] warm = new double[200];
        double[] cold = new double[30];
        double[] errors = new double[samples];
        double[] first = new double[warmup];
        try (HttpProbe probe = new HttpProbe(proxyPort, "/")) {
            for (int i = 0; i < warm.length; i++) {
                warm[i] = timeGet(probe);
            }
            for (int i = 0; i < cold.length; i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                cold[i] = timeGet(probe);
            }
            double warmBase = median(warm);
            double base = median(cold);
            proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 100);
            for (int i = 0; i < warmup; i++) {
                first[i] = timeGet(probe) - 100.0 - base;
            }
            for (int i = 0; i < samples; i++) {
                errors[i] = timeGet(probe) - 100.0 - base;
            }
            proxy.toxics().get("lag").remove();
            double mean = Arrays.stream(errors).average().orElse(Double.NaN);
            double[] sorted = errors.clone();
            Arrays.sort(sorted);
            double[] absolute = Arrays.stream(errors).map(Math::abs).sorted().toArray();
            System.out.println();
            System.out.println("### Latency toxic accuracy (100 ms downstream, " + samples
                    + " sequential GETs on one keep-alive connection, after " + warmup + " warm-up GETs)");
            System.out.println();
            System.out.println("| baseline RTT (after 100 ms idle) | warm RTT (back to back) | mean error | p50 error | p99 error | p99 of abs error | max abs error |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| %.3f ms | %.3f ms | %+.3f ms | %+.3f ms | %+.3f ms | %.3f ms | %.3f ms |%n",
                    base, warmBase, mean, sorted[sorted.length / 2], percentile(sorted, 0.99),
                    percentile(absolute, 0.99), absolute[absolute.length - 1]);
            System.out.printf(Locale.ROOT, "%nFirst %d GETs after adding the toxic (class loading, JIT): errors %s ms.%n",
                    warmup, Arrays.toString(Arrays.stream(first).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
            // The machine's own timer noise, for reference: how late does a plain 100 ms park wake up right now?
            double[] overshoot = new double[30];
            for (int i = 0; i < overshoot.length; i++) {
                long start = System.nanoTime();
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                overshoot[i] = (System.nanoTime() - start) / 1e6 - 100.0;
            }
            Arrays.sort(overshoot);
            System.out.printf(Locale.ROOT, "Reference, same machine, same moment: LockSupport.parkNanos(100 ms) wakes "
                    + "%+.3f ms late (median), %+.3f ms (max of %d).%n", overshoot[overshoot.length / 2],
                    overshoot[overshoot.length - 1], overshoot.length);
        }
    }

    private static double timeGet(HttpProbe probe) throws java.io.IOException {
        long start = System.nanoTime();
        probe.get();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];
    }

    private static void bulk(int nginxPort, int proxyPort, String path) throws Exception {
        System.out.println();
        System.out.println("### Bulk transfer (GET " + path + ", 5 downloads each, one connection, median)");
        System.out.println();
        System.out.println("| path | MB/s (median) | MB/s (best) |");
        System.out.println("| --- | ---: | ---: |");
        for (String label : new String[] {"direct", "proxy"}) {
            int port = label.equals("direct") ? nginxPort : proxyPort;
            List<Double> rates = new ArrayList<>();
            try (HttpProbe probe = new HttpProbe(port, path)) {
                probe.get();
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    long bytes = probe.get();
                    rates.add(bytes / 1e6 / ((System.nanoTime() - start) / 1e9));
                }
            }
            rates.sort(null);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f |%n", label, rates.get(rates.size() / 2),
                    rates.get(rates.size() - 1));
        }
    }
}
