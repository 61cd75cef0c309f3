package dev.chaosjunit.bench.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} HTTP load generator and reads requests/s and latency from its report. */
final class Wrk {
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("Latency\\s+([0-9.]+)(us|ms|s)\\s");
    private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: (.*)|Non-2xx or 3xx responses: (\\d+)");

    /** One wrk run's figures. */
    static final class Result {
        final double requestsPerSecond;
        final double meanLatencyMicros;
        final double p99LatencyMicros;
        final String errors;

        Result(double requestsPerSecond, double meanLatencyMicros, double p99LatencyMicros, String errors) {
            this.requestsPerSecond = requestsPerSecond;
            this.meanLatencyMicros = meanLatencyMicros;
            this.p99LatencyMicros = p99LatencyMicros;
            this.errors = errors;
        }
    }

    private final String executable;

    Wrk(String executable) {
        this.executable = executable;
    }

    Result run(String url, int connections, int seconds) throws IOException, InterruptedException {
        List<String> command = List.of(executable, "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("wrk failed (" + String.join(" ", command) + "):\n" + output);
        }
        Matcher requests = REQUESTS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        Matcher p99 = P99.matcher(output);
        if (!requests.find() || !latency.find() || !p99.find()) {
            throw new IOException("cannot read wrk's report:\n" + output);
        }
        Matcher errors = ERRORS.matcher(output);
        StringBuilder errorText = new StringBuilder();
        while (errors.find()) {
            errorText.append(errors.group().trim()).append("; ");
        }
        return new Result(Double.parseDouble(requests.group(1)), micros(latency.group(1), latency.group(2)),
                micros(p99.group(1), p99.group(2)), errorText.toString());
    }

    private static double micros(String value, String unit) {
        double v = Double.parseDouble(value);
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "us":
                return v;
            case "ms":
                return v * 1_000;
            default:
                return v * 1_000_000;
        }
    }
}
