package dev.chaosjunit.samples.rollout.service1;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Asks service2 for the next count, within a timeout, and says how it went. */
final class Service2Client {

    /** How a call ended; {@code name()} in lower case is the {@code outcome} tag of {@code service2_calls_total}. */
    enum Outcome { OK, TIMEOUT, UNREACHABLE, BAD_ANSWER }

    /** The result of one call: the count when {@link Outcome#OK}, otherwise what went wrong. */
    record Result(Outcome outcome, long count, String problem) {
    }

    private final URI uri;
    private final Duration timeout;
    private final HttpClient client;

    Service2Client(URI service2Url, Duration timeout) {
        this.uri = service2Url.resolve("/");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    Result nextCount() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Result(Outcome.TIMEOUT, 0, "service2 did not answer within " + timeout.toMillis() + "ms");
        } catch (ConnectException e) {
            return new Result(Outcome.UNREACHABLE, 0, "service2 at " + uri + " is unreachable: " + e);
        } catch (IOException e) {
            return new Result(Outcome.UNREACHABLE, 0, "service2 at " + uri + " failed: " + e);
        }
        if (response.statusCode() != 200) {
            return new Result(Outcome.BAD_ANSWER, 0, "service2 answered " + response.statusCode());
        }
        try {
            JsonElement count = JsonParser.parseString(response.body()).getAsJsonObject().get("count");
            if (count == null || !count.isJsonPrimitive() || !count.getAsJsonPrimitive().isNumber()) {
                return new Result(Outcome.BAD_ANSWER, 0, "service2's answer has no numeric count: " + response.body());
            }
            return new Result(Outcome.OK, count.getAsLong(), null);
        } catch (JsonParseException | IllegalStateException e) {
            return new Result(Outcome.BAD_ANSWER, 0, "service2's answer is not a JSON object: " + response.body());
        }
    }
}
