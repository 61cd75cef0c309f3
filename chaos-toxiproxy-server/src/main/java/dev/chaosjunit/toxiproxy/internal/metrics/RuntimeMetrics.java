package dev.chaosjunit.toxiproxy.internal.metrics;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runtime metrics of {@code -runtime-metrics}. Toxiproxy's are the Go runtime's ({@code go_*}), its build info
 * and its process; here they are the process series under the same names (Prometheus' process collector's
 * {@code process_*}), the JVM's in the names of Prometheus' Java client ({@code jvm_*}) and a build info series.
 * The {@code go_*} series naturally do not exist.
 */
final class RuntimeMetrics {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final long PAGE_SIZE = 4096;

    private final String version;
    private final String apiVersion;

    RuntimeMetrics(String version, String apiVersion) {
        this.version = version;
        this.apiVersion = apiVersion;
    }

    void write(PrometheusText out) {
        process(out);
        jvm(out);
        out.family("chaos_toxiproxy_server_build_info", "gauge",
                "Build information: this server's version and the Toxiproxy API version it is compatible with.");
        out.sample("chaos_toxiproxy_server_build_info", new String[] {"version", version, "toxiproxy_version",
            apiVersion, "java_version", System.getProperty("java.version", "")}, 1);
    }

    private static void process(PrometheusText out) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long cpu = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            if (cpu >= 0) {
                out.family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
                out.sample("process_cpu_seconds_total", cpu / 1e9);
            }
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            com.sun.management.UnixOperatingSystemMXBean unix = (com.sun.management.UnixOperatingSystemMXBean) os;
            out.family("process_open_fds", "gauge", "Number of open file descriptors.");
            out.sample("process_open_fds", unix.getOpenFileDescriptorCount());
            out.family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
            out.sample("process_max_fds", unix.getMaxFileDescriptorCount());
        }
        try {
            String[] statm = Files.readString(STATM).trim().split("\\s+");
            out.family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
            out.sample("process_virtual_memory_bytes", Long.parseLong(statm[0]) * PAGE_SIZE);
            out.family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
            out.sample("process_resident_memory_bytes", Long.parseLong(statm[1]) * PAGE_SIZE);
        } catch (IOException | RuntimeException e) {
            // not Linux: no memory figures of the process
        }
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max address space")) {
                    String soft = line.substring("Max address space".length()).trim().split("\\s+")[0];
                    out.family("process_virtual_memory_max_bytes", "gauge",
                            "Maximum amount of virtual memory available in bytes.");
                    out.sample("process_virtual_memory_max_bytes", soft.equals("unlimited") ? 18446744073709551615.0
                            : Double.parseDouble(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        out.family("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
        out.sample("process_start_time_seconds", runtime.getStartTime() / 1000.0);
    }

    private static void jvm(PrometheusText out) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        out.family("jvm_info", "gauge", "VM version info.");
        out.sample("jvm_info", new String[] {"runtime", System.getProperty("java.runtime.name", ""), "vendor",
            System.getProperty("java.vm.vendor", ""), "version", System.getProperty("java.runtime.version", "")}, 1);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.family("jvm_memory_bytes_used", "gauge", "Used bytes of a given JVM memory area.");
        out.sample("jvm_memory_bytes_used", new String[] {"area", "heap"}, heap.getUsed());
        out.sample("jvm_memory_bytes_used", new String[] {"area", "nonheap"}, nonHeap.getUsed());
        out.family("jvm_memory_bytes_committed", "gauge", "Committed (bytes) of a given JVM memory area.");
        out.sample("jvm_memory_bytes_committed", new String[] {"area", "heap"}, heap.getCommitted());
        out.sample("jvm_memory_bytes_committed", new String[] {"area", "nonheap"}, nonHeap.getCommitted());
        out.family("jvm_memory_bytes_max", "gauge", "Max (bytes) of a given JVM memory area.");
        out.sample("jvm_memory_bytes_max", new String[] {"area", "heap"}, heap.getMax());
        out.sample("jvm_memory_bytes_max", new String[] {"area", "nonheap"}, nonHeap.getMax());
        out.family("jvm_memory_pool_bytes_used", "gauge", "Used bytes of a given JVM memory pool.");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            out.sample("jvm_memory_pool_bytes_used", new String[] {"pool", pool.getName()}, pool.getUsage().getUsed());
        }
        out.family("jvm_buffer_pool_used_bytes", "gauge", "Used bytes of a given JVM buffer pool.");
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            out.sample("jvm_buffer_pool_used_bytes", new String[] {"pool", pool.getName()}, pool.getMemoryUsed());
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.family("jvm_threads_current", "gauge", "Current thread count of a JVM.");
        out.sample("jvm_threads_current", threads.getThreadCount());
        out.family("jvm_threads_daemon", "gauge", "Daemon thread count of a JVM.");
        out.sample("jvm_threads_daemon", threads.getDaemonThreadCount());
        out.family("jvm_threads_peak", "gauge", "Peak thread count of a JVM.");
        out.sample("jvm_threads_peak", threads.getPeakThreadCount());

        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        out.family("jvm_classes_currently_loaded", "gauge", "The number of classes that are currently loaded in the JVM.");
        out.sample("jvm_classes_currently_loaded", classes.getLoadedClassCount());

        out.family("jvm_gc_collection_seconds", "summary", "Time spent in a given JVM garbage collector in seconds.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String[] labels = {"gc", gc.getName()};
            out.sample("jvm_gc_collection_seconds_count", labels, Math.max(0, gc.getCollectionCount()));
            out.sample("jvm_gc_collection_seconds_sum", labels, Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        out.family("jvm_uptime_seconds", "gauge", "Time since the JVM started, in seconds.");
        out.sample("jvm_uptime_seconds", runtime.getUptime() / 1000.0);
    }
}
