package dev.chaosjunit.bench.load;

import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;

import java.net.URI;
import java.util.Locale;

/**
 * CPU cost of the driver at a fixed open-model rate: JVM process CPU time (user + system, all threads, from
 * OperatingSystemMXBean) over the run, per completed request and as a share of one core.
 *
 * <p>Usage: {@code CpuPerRequest <url> <rate> <seconds> <connections>}
 */
public final class CpuPerRequest {

    private CpuPerRequest() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        LoadDriver driver = LoadDriver.target(uri).progress(false).maxConnections(connections);
        driver.profile(LoadProfile.constantRate(rate, "5s")).run(); // warm-up (JIT)
        long cpu0 = BenchSupport.processCpuNanos();
        long wall0 = System.nanoTime();
        LoadStats s = driver.profile(LoadProfile.constantRate(rate, seconds + "s")).run();
        long cpu = BenchSupport.processCpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.println(String.format(Locale.ROOT,
                "rate %.0f/s for %ds: %d requests, %d errors, %d dropped; CPU %.1f us/request, %.1f%% of one core;"
                        + " corrected p99 %.3f ms, lag p99 %.3f ms",
                rate, seconds, s.count(), s.errors(), s.dropped(), cpu / 1000.0 / s.count(), 100.0 * cpu / wall,
                s.percentile(99).toNanos() / 1e6, s.scheduleLagPercentile(99).toNanos() / 1e6));
        // the floor: what one timed sleep-and-wake of a thread costs on this machine
        int wakes = 2000;
        long c0 = BenchSupport.processCpuNanos();
        for (int i = 0; i < wakes; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
        System.out.println(String.format(Locale.ROOT, "reference: one timed thread wake-up (parkNanos 0.5 ms) costs %.1f us CPU here",
                (BenchSupport.processCpuNanos() - c0) / 1000.0 / wakes));
    }
}
