package dev.chaosjunit.samples.rollout.service2;

import dev.chaosjunit.samples.rollout.common.HttpService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counter: {@code GET /} increments it and answers {@code {"svc":"service2","version":"1","count":N}}; the slow
 * version sleeps {@link Service2Config#slowDelay()} first. {@code /health} is the readiness endpoint (503 for the
 * unhealthy version), {@code /metrics} the Prometheus endpoint.
 */
public final class Service2 implements AutoCloseable {

    private final Service2Config config;
    private final AtomicLong count = new AtomicLong();
    private final HttpService http;

    private Service2(Service2Config config, InetSocketAddress address) {
        this.config = config;
        this.http = new HttpService("service2", address, 32, config.version()::ready);
        http.route("/", exchange -> {
            if (config.version().slow()) {
                try {
                    Thread.sleep(config.slowDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new HttpService.Response(503, "{\"error\":\"service2 is stopping\"}");
                }
            }
            return new HttpService.Response(200, "{\"svc\":\"service2\",\"version\":\"" + config.version().number()
                    + "\",\"count\":" + count.incrementAndGet() + "}");
        });
        http.start();
    }

    /** Starts on all interfaces on the configured port (the container's entry point). */
    public static Service2 start(Service2Config config) {
        return new Service2(config, new InetSocketAddress(config.port()));
    }

    /** Starts on 127.0.0.1 on a free port (tests). */
    public static Service2 startOnLoopback(Service2Config config) {
        return new Service2(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** The running configuration. */
    public Service2Config config() {
        return config;
    }

    /** {@code http://host:port}. */
    public String url() {
        return http.url();
    }

    @Override
    public void close() {
        http.close();
    }
}
