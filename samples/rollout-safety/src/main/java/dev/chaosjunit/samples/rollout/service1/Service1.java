package dev.chaosjunit.samples.rollout.service1;

import dev.chaosjunit.samples.rollout.common.HttpService;
import dev.chaosjunit.samples.rollout.common.Json;
import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The user-facing counter: {@code GET /} asks service2 for the next count and answers
 * {@code {"svc":"service1","version":"2","timestamp":1558335867.205,"count":2802}}. When service2 is slower than
 * {@link Service1Config#service2Timeout()} it answers 504, when service2 is unreachable or answers badly 502, each with
 * {@code {"error":"..."}}: users see the failure at once instead of waiting. Every call is counted in
 * {@code service2_calls_total{outcome=ok|timeout|unreachable|bad_answer}}. Its readiness ({@code /health}) does not
 * depend on service2, so a broken service2 does not take service1 out of its Service too.
 */
public final class Service1 implements AutoCloseable {

    /** service1's own version (the one that calls service2). */
    public static final String VERSION = "2";

    private final HttpService http;

    private Service1(Service1Config config, InetSocketAddress address) {
        this.http = new HttpService("service1", address, 64, () -> true);
        Service2Client service2 = new Service2Client(config.service2Url(), config.service2Timeout());
        http.route("/", exchange -> {
            Service2Client.Result result;
            try {
                result = service2.nextCount();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new HttpService.Response(503, "{\"error\":\"service1 is stopping\"}");
            }
            Counter.builder("service2.calls").description("calls from service1 to service2, by outcome")
                    .tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
                    .register(http.registry()).increment();
            switch (result.outcome()) {
                case OK:
                    return new HttpService.Response(200, "{\"svc\":\"service1\",\"version\":\"" + VERSION
                            + "\",\"timestamp\":" + System.currentTimeMillis() / 1000.0 + ",\"count\":" + result.count() + "}");
                case TIMEOUT:
                    return new HttpService.Response(504, "{\"error\":\"" + Json.escape(result.problem()) + "\"}");
                default:
                    return new HttpService.Response(502, "{\"error\":\"" + Json.escape(result.problem()) + "\"}");
            }
        });
        http.start();
    }

    /** Starts on all interfaces on the configured port (the container's entry point). */
    public static Service1 start(Service1Config config) {
        return new Service1(config, new InetSocketAddress(config.port()));
    }

    /** Starts on 127.0.0.1 on a free port (tests). */
    public static Service1 startOnLoopback(Service1Config config) {
        return new Service1(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
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
