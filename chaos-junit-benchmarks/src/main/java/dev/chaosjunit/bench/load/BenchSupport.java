package dev.chaosjunit.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared bits of the load-driver benchmark harnesses: process CPU time and running wrk. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** CPU time of this JVM process (all threads, user + system) in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Result of one wrk run. */
    static final class WrkResult {
        final double requestsPerSecond;
        final double cpuSecondsPerRequest;

        WrkResult(double rps, double cpuPerRequest) {
            this.requestsPerSecond = rps;
            this.cpuSecondsPerRequest = cpuPerRequest;
        }
    }

    /** Runs {@code wrk -t1 -c<connections> -d<seconds>s url}; CPU per request from the child's rusage via /proc. */
    static WrkResult wrk(String url, int connections, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", url));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long pid = p.pid();
        long cpuTicks = 0;
        String out;
        try (InputStream in = p.getInputStream()) {
            // sample the child's CPU ticks until it exits (it prints its summary at the very end)
            long last = 0;
            StringBuilder sb = new StringBuilder();
            long deadline = System.nanoTime() + (seconds + 5) * 1_000_000_000L;
            while (p.isAlive() && System.nanoTime() < deadline) {
                long t = procTicks(pid);
                if (t > 0) {
                    last = t;
                }
                Thread.sleep(100);
                if (in.available() > 0) {
                    sb.append(new String(in.readNBytes(in.available()), StandardCharsets.UTF_8));
                }
            }
            sb.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            out = sb.toString();
            cpuTicks = last;
        }
        p.waitFor();
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + out);
        }
        if (out.contains("Non-2xx") || out.contains("Socket errors")) {
            throw new IllegalStateException("wrk saw errors; the figures would not be comparable:\n" + out);
        }
        double rps = Double.parseDouble(m.group(1));
        double cpuSeconds = cpuTicks / 100.0; // USER_HZ = 100 on Linux
        return new WrkResult(rps, cpuSeconds / (rps * seconds));
    }

    /** utime + stime of a process in clock ticks, or -1. */
    static long procTicks(long pid) {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/stat")),
                    StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
