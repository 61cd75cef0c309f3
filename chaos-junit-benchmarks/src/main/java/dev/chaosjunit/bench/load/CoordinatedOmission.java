package dev.chaosjunit.bench.load;

import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Coordinated omission: a fixed rate for T seconds while the server (an nginx worker, by pid) is frozen with SIGSTOP
 * for S seconds. Prints corrected and uncorrected percentiles beside the theoretical corrected value.
 *
 * <p>Theory: an arrival intended at time t inside the stall [t0, t0 + S) completes just after t0 + S, so its
 * corrected latency is L0 + (t0 + S - t), spread uniformly over (L0, L0 + S]; all other arrivals see about L0. The
 * fraction of all R*T arrivals whose latency exceeds L0 + x is R (S - x) / (R T) = (S - x) / T, so the p-th
 * percentile (tail fraction q = 1 - p/100) is L0 + S - q T when q T < S, and about L0 otherwise. For T = 30 s,
 * S = 1 s: p99 = L0 + 0.7 s, p99.9 = L0 + 0.97 s, max = L0 + 1 s, p90 ~ L0 (0.1 T = 3 s > S).
 *
 * <p>Usage: {@code CoordinatedOmission <url> <nginx-worker-pid> <rate> <seconds> <stall-at-seconds> <stall-ms> <connections>}
 */
public final class CoordinatedOmission {

    private CoordinatedOmission() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        double rate = Double.parseDouble(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int stallAt = Integer.parseInt(args[4]);
        long stallMs = Long.parseLong(args[5]);
        int connections = Integer.parseInt(args[6]);
        LoadDriver driver = LoadDriver.target(uri).progress(false).maxConnections(connections).dropAfter("10s");
        driver.profile(LoadProfile.constantRate(rate, "3s")).run(); // warm-up
        LoadStats s;
        try (LoadRun run = driver.profile(LoadProfile.constantRate(rate, seconds + "s")).start()) {
            Thread.sleep(stallAt * 1000L);
            signal("STOP", pid);
            long t0 = System.nanoTime();
            Thread.sleep(stallMs);
            signal("CONT", pid);
            System.out.println(String.format(Locale.ROOT, "server stalled for %.1f ms", (System.nanoTime() - t0) / 1e6));
            s = run.awaitCompletion();
        }
        // L0: baseline corrected p50 of the run (unaffected by the stall)
        double l0 = ms(s.percentile(50));
        double stall = stallMs / 1000.0;
        System.out.println(String.format(Locale.ROOT, "rate %.0f/s for %ds, %d connections, stall %d ms at %ds: %d requests, %d dropped, %d errors",
                rate, seconds, connections, stallMs, stallAt, s.count(), s.dropped(), s.errors()));
        System.out.println("| percentile | corrected | theory (corrected) | uncorrected |");
        System.out.println("| --- | --- | --- | --- |");
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            double q = 1 - p / 100;
            double theory = q * seconds < stall ? l0 + (stall - q * seconds) * 1000 : l0;
            String name = p == 100 ? "max" : "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
            System.out.println(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms |", name,
                    ms(p == 100 ? s.max() : s.percentile(p)), theory,
                    ms(p == 100 ? s.uncorrectedMax() : s.uncorrectedPercentile(p))));
        }
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    private static void signal(String sig, long pid) throws Exception {
        int rc = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("kill -" + sig + " " + pid + " failed: " + rc);
        }
    }
}
