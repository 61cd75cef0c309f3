package dev.chaosjunit.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a message naming the thing, the value and what would be valid. */
class ValidationMessagesTest {

    private static void rejects(Executable e, String message) {
        assertThatThrownBy(e::execute).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void profiles() {
        rejects(() -> LoadProfile.constantRate(-5, "10s"), "rate must be > 0 (requests per second), got -5");
        rejects(() -> LoadProfile.constantRate(0, "10s"), "rate must be > 0 (requests per second), got 0");
        rejects(() -> LoadProfile.constantRate(10, "0"), "stage duration must be > 0, got 0");
        rejects(() -> LoadProfile.constantRate(10, "10 sec"),
                "\"10 sec\" is not a duration: expected a number followed by a unit (h, m, s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"");
        rejects(() -> LoadProfile.ramp(-1, 10, "5s"), "stage from-rate must be >= 0 (requests per second), got -1");
        rejects(() -> LoadProfile.stages(new LoadProfile.Stage[0]), "a load profile needs at least one stage, got none");
        rejects(() -> LoadProfile.stages(LoadProfile.Stage.hold(0, "5s")),
                "the stages [hold 0/s for 5s] offer 0 arrivals; a load profile must offer at least 1");
        rejects(() -> LoadProfile.closed(0, "5s"), "closed-model users must be > 0, got 0");
        rejects(() -> LoadProfile.constantRate(10, "5s").withThinkTime(ThinkTime.fixed("1s")),
                "think time applies to the closed model only; an open-model profile sets its pace by its rate ([hold 10/s for 5s])");
        rejects(() -> LoadProfile.closed(2, "5s").poisson(1),
                "Poisson arrivals apply to the open model only, not to 2 closed-model users");
        rejects(() -> ThinkTime.between("2s", "1s"), "think time max must be >= min, got min=2s max=1s");
    }

    @Test
    void requestsChecksAndScenarios() {
        rejects(() -> Request.get("catalogue"),
                "request path must start with \"/\" and contain no spaces or control characters (percent-encode them), got \"catalogue\"");
        rejects(() -> Request.of("GE T", "/"), "HTTP method must be a token such as GET or POST, got \"GE T\"");
        rejects(() -> Request.get("/").header("Host", "x"), "header \"Host\" is managed by the load driver and cannot be set on a request");
        rejects(() -> Request.get("/").header("X-A", "a\r\nb"), "header \"X-A\" value must be non-null without CR or LF, got \"a\\r\\nb\"");
        rejects(() -> Check.status(999), "Check.status: an HTTP status must be 100..599, got 999");
        rejects(() -> Check.jsonEquals("items..id", "1"), "Check.jsonEquals: \"items..id\" is not a JSON path; expected names separated"
                + " by dots with optional [index] parts, for example \"status\", \"items[0].id\" or \"[0].name\"");
        rejects(() -> Capture.regex("id", "(unclosed"), "Capture.regex \"id\": \"(unclosed\" is not a valid regular expression: Unclosed group");
        rejects(() -> Capture.jsonField("1id", "id"), "capture name must match [A-Za-z_][A-Za-z0-9_.-]*, got \"1id\"");
        rejects(() -> Scenario.named("shop").task("browse", 0, Request.get("/")),
                "task \"browse\" in scenario \"shop\": weight must be > 0, got 0");
        rejects(() -> LoadDriver.target("http://127.0.0.1:1/").scenario(Scenario.named("empty")),
                "scenario \"empty\" has no task; add one with task(...)");
    }

    @Test
    void driver() {
        rejects(() -> LoadDriver.target("https://example.org/"),
                "load target \"https://example.org/\" must be an http:// URL (the driver speaks plain HTTP/1.1), got scheme https");
        rejects(() -> LoadDriver.target("http://[bad/"), "load target \"http://[bad/\" is not a URL: Expected closing bracket for IPv6 address; expected http://host:port/path");
        rejects(() -> LoadDriver.target("http://127.0.0.1:1/").maxConnections(0), "maxConnections must be > 0, got 0");
        rejects(() -> LoadDriver.target("http://127.0.0.1:1/").ioThreads(0), "ioThreads must be within 1..64, got 0");
        rejects(() -> LoadDriver.target("http://127.0.0.1:1/").requestTimeout("0"), "requestTimeout must be > 0, got 0");
        rejects(() -> LoadDriver.target("http://127.0.0.1:1/").dropAfter("-1s"), "\"-1s\" is not a duration: expected a number followed by a unit (h, m, s, ms, us, ns), for example \"400ms\", \"5s\" or \"1m30s\"");
        assertThatThrownBy(() -> LoadDriver.target("http://127.0.0.1:1/").start()).isInstanceOf(IllegalStateException.class)
                .hasMessage("no load profile for http://127.0.0.1:1/: call profile(LoadProfile.constantRate(...)) or profile(LoadProfile.closed(...)) before start()");
    }

    @Test
    void percentiles() throws Exception {
        LoadStats empty;
        try (LoadRun run = LoadDriver.target("http://127.0.0.1:1/").progress(false)
                .profile(LoadProfile.constantRate(1, "10s")).start()) {
            empty = run.window(run.startedAt().plusSeconds(100), run.startedAt().plusSeconds(101));
        }
        rejects(() -> empty.percentile(101), "percentile must be within 0..100 (for example 99.9), got 101.0");
        rejects(() -> empty.percentile(-1), "percentile must be within 0..100 (for example 99.9), got -1.0");
    }
}
