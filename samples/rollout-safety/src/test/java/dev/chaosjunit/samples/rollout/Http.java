package dev.chaosjunit.samples.rollout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's HTTP client: GET with a generous timeout, answer and how long it took. */
final class Http {

    record Answer(int status, String body, Duration took) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    static Answer get(String url) throws IOException, InterruptedException {
        long start = System.nanoTime();
        // 30s: only a hung server reaches it; every expected answer comes well before
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The value of the Prometheus sample whose name is {@code name} and whose labels include every
     * {@code label="value"} given, from a {@code /metrics} text.
     */
    static Optional<Double> sample(String metricsText, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metricsText);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                return Optional.of(Double.parseDouble(m.group(2)));
            }
        }
        return Optional.empty();
    }
}
