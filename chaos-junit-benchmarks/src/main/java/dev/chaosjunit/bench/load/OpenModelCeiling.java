package dev.chaosjunit.bench.load;

import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;

import java.net.URI;
import java.util.Locale;

/**
 * Open-model accurate ceiling: runs increasing constant rates and reports, per rate, the achieved rate, schedule
 * lag p99, drops and errors. A rate is "accurate" when achieved is within 1% of target, lag p99 <= 1 ms and nothing
 * was dropped; the ceiling is the highest accurate rate.
 *
 * <p>Usage: {@code OpenModelCeiling <url> <seconds-per-step> <connections> <rate...>}
 */
public final class OpenModelCeiling {

    private OpenModelCeiling() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        LoadDriver base = LoadDriver.target(uri).progress(false).maxConnections(connections);
        base.profile(LoadProfile.constantRate(10_000, "3s")).run(); // warm-up
        double ceiling = 0;
        System.out.println("| target req/s | achieved req/s | lag p99 | dropped | errors | corrected p99 | CPU us/req | saturated | accurate |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int i = 3; i < args.length; i++) {
            double rate = Double.parseDouble(args[i]);
            long cpu0 = BenchSupport.processCpuNanos();
            LoadStats s = base.profile(LoadProfile.constantRate(rate, seconds + "s")).run();
            long cpu = BenchSupport.processCpuNanos() - cpu0;
            double achieved = s.count() / (double) seconds;
            double lagMs = s.scheduleLagPercentile(99).toNanos() / 1e6;
            boolean accurate = Math.abs(achieved - rate) <= rate * 0.01 && lagMs <= 1.0 && s.dropped() == 0
                    && s.errors() == 0;
            if (accurate) {
                ceiling = Math.max(ceiling, rate);
            }
            System.out.println(String.format(Locale.ROOT, "| %.0f | %.0f | %.3f ms | %d | %d | %.3f ms | %.1f | %s | %s |",
                    rate, achieved, lagMs, s.dropped(), s.errors(), s.percentile(99).toNanos() / 1e6,
                    cpu / 1000.0 / Math.max(1, s.count()), s.saturated() ? "yes" : "no", accurate ? "yes" : "no"));
        }
        System.out.println(String.format(Locale.ROOT, "accurate ceiling: %.0f req/s", ceiling));
    }
}
