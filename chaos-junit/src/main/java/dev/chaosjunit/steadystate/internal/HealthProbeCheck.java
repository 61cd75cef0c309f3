package dev.chaosjunit.steadystate.internal;

import com.google.gson.JsonObject;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.JsonPath;
import dev.chaosjunit.check.ExperimentControl;
import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Probes one HTTP endpoint through the whole experiment and judges each selected phase. */
public final class HealthProbeCheck implements SteadyStateCheck {

    /** A validated probe. */
    public record Spec(String name, URI url, int status, Duration maxLatency, String jsonPath, String equals,
                       Duration every, double minSuccessRate, Set<Phase> phases) {
    }

    private final Spec spec;
    private final JsonPath jsonPath;
    private final HttpClient client;
    private final Map<Phase, List<String>> failures = new EnumMap<>(Phase.class);
    private final Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
    private Phase current;
    private Phase inFlight;
    private ScheduledExecutorService prober;

    public HealthProbeCheck(Spec spec) {
        this.spec = spec;
        this.jsonPath = spec.jsonPath().isEmpty() ? null : JsonPath.of(spec.jsonPath(), "jsonPath");
        this.client = HttpClient.newBuilder().connectTimeout(spec.maxLatency()).build();
    }

    @Override
    public String name() {
        return "health probe \"" + spec.name() + "\"";
    }

    /** Long enough for three probes, so the baseline has evidence. */
    @Override
    public Duration baseline() {
        return spec.phases().contains(Phase.BEFORE) ? spec.every().multipliedBy(3) : Duration.ZERO;
    }

    /** Long enough for three probes after the revert. */
    @Override
    public Duration recovery() {
        return spec.phases().contains(Phase.AFTER) ? spec.every().multipliedBy(3) : Duration.ZERO;
    }

    @Override
    public void phaseStarted(Phase phase, Instant at, ExperimentControl control) {
        if (phase == Phase.BEFORE) {
            // The first request of a JVM pays for class loading and connection set-up (hundreds of ms on a busy
            // machine): send it once, unjudged, before the phase's time starts to run (bounded by the probe's timeout).
            probe();
        }
        start(phase);
    }

    private synchronized void start(Phase phase) {
        current = phase;
        counts.put(phase, 0);
        failures.put(phase, new ArrayList<>());
        if (prober == null) {
            prober = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chaos-junit-health-probe-" + spec.name());
                t.setDaemon(true);
                return t;
            });
            prober.scheduleWithFixedDelay(this::probeOnce, 0, spec.every().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void phaseEnded(Phase phase, Instant at, ExperimentControl control) throws InterruptedException {
        int count;
        List<String> failed;
        synchronized (this) {
            current = null;
            // a probe started in this phase still counts for it: wait for its answer (bounded by its timeout)
            long deadline = System.nanoTime() + spec.maxLatency().toNanos() + 200_000_000L;
            while (inFlight == phase && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            count = counts.getOrDefault(phase, 0);
            failed = List.copyOf(failures.getOrDefault(phase, List.of()));
            if (phase == Phase.AFTER) {
                close();
            }
        }
        if (!spec.phases().contains(phase)) {
            return;
        }
        JsonObject details = new JsonObject();
        details.addProperty("url", spec.url().toString());
        details.addProperty("probes", count);
        details.addProperty("failures", failed.size());
        if (count == 0) {
            control.verdict(Verdict.inconclusive(name(), phase, "no probe completed in the " + phase.label()
                    + " phase (probing every " + Durations.format(spec.every()) + ")").withDetails(details.toString()));
            return;
        }
        double success = (count - failed.size()) / (double) count;
        details.addProperty("successRate", success);
        String summary = String.format(Locale.ROOT, "%d of %d probes of %s succeeded (%.0f%%, min %.0f%%)",
                count - failed.size(), count, spec.url(), success * 100, spec.minSuccessRate() * 100);
        if (success + 1e-9 >= spec.minSuccessRate()) {
            control.verdict(Verdict.pass(name(), phase, summary).withDetails(details.toString()));
        } else {
            control.verdict(Verdict.fail(name(), phase, summary + "; first failure: " + failed.get(0))
                    .withDetails(details.toString()));
        }
    }

    /** Stops probing; idempotent. */
    public synchronized void close() {
        if (prober != null) {
            prober.shutdownNow();
            prober = null;
        }
    }

    private void probeOnce() {
        Phase phase;
        synchronized (this) {
            phase = current;
            if (phase == null) {
                return;
            }
            inFlight = phase;
        }
        String failure = probe();
        synchronized (this) {
            inFlight = null;
            counts.merge(phase, 1, Integer::sum);
            if (failure != null) {
                failures.get(phase).add(failure);
            }
            notifyAll();
        }
    }

    /** One probe; {@code null} on success, otherwise why it failed. */
    private String probe() {
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        // HttpRequest.timeout covers the response headers only (on Java 17): bound the whole exchange, body included
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(
                HttpRequest.newBuilder(spec.url()).timeout(spec.maxLatency()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            response = call.get(spec.maxLatency().toNanos() + 100_000_000L, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return "no complete answer within " + Durations.format(spec.maxLatency());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (response.statusCode() != spec.status()) {
            return "status " + response.statusCode() + " (expected " + spec.status() + ")";
        }
        if (took.compareTo(spec.maxLatency()) > 0) {
            return "took " + took.toMillis() + "ms (max " + Durations.format(spec.maxLatency()) + ")";
        }
        if (jsonPath != null) {
            byte[] body = response.body();
            String value = jsonPath.read(body, body.length);
            if (!spec.equals().equals(value)) {
                return spec.jsonPath() + " = " + (value == null ? "absent" : "\"" + value + "\"") + " (expected \""
                        + spec.equals() + "\"; body " + new String(body, 0, Math.min(body.length, 200),
                        StandardCharsets.UTF_8) + ")";
            }
        }
        return null;
    }

    /** The phases as a set. */
    public static Set<Phase> phases(Phase[] phases) {
        return phases.length == 0 ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(List.of(phases));
    }
}
