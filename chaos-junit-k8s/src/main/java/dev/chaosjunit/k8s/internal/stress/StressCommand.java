package dev.chaosjunit.k8s.internal.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stress-ng command line that ends by itself ({@code --timeout}).
 *
 * @param resource CPU or memory
 * @param workers CPU workers (cores) or memory workers
 * @param load CPU load per worker in percent (1-100); ignored for memory
 * @param memory bytes per memory worker as stress-ng reads them ({@code 256M}); ignored for CPU
 * @param duration how long it runs, at least one second
 */
public record StressCommand(Resource resource, int workers, int load, String memory, Duration duration) {

    /** What is stressed. */
    public enum Resource { CPU, MEMORY }

    /** The command. */
    public List<String> command() {
        List<String> c = new ArrayList<>(List.of("stress-ng"));
        if (resource == Resource.CPU) {
            c.addAll(List.of("--cpu", Integer.toString(workers), "--cpu-load", Integer.toString(load)));
        } else {
            c.addAll(List.of("--vm", Integer.toString(workers), "--vm-bytes", memory, "--vm-keep"));
        }
        c.addAll(List.of("--timeout", Math.max(1, duration.toSeconds()) + "s", "--metrics-brief"));
        return c;
    }
}
