package dev.chaosjunit.prometheus.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simplest traffic for tests: one thread calling a URL with the JDK HttpClient in a loop, pausing between calls.
 * Not a load driver (no schedule, no latency correction); just enough requests for Prometheus to see rates.
 */
public final class TrafficLoop implements AutoCloseable {

    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    private TrafficLoop(String url, Duration pause) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        thread = new Thread(() -> {
            while (running) {
                try {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                    sent.incrementAndGet();
                } catch (java.io.IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "traffic-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts calling {@code url}, pausing {@code pause} between calls. */
    public static TrafficLoop start(String url, Duration pause) {
        return new TrafficLoop(url, pause);
    }

    /** Requests answered (any status). */
    public long sent() {
        return sent.get();
    }

    /** Requests that got no answer. */
    public long failed() {
        return failed.get();
    }

    /** Stops the loop and waits for its thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
