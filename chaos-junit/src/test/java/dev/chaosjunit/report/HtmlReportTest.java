package dev.chaosjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.network.TakeDown;
import dev.chaosjunit.steadystate.ChaosLoad;
import dev.chaosjunit.steadystate.SteadyState;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.SwitchableServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The journal carries the load timeline, and the HTML page draws it with the fault window shaded. */
class HtmlReportTest {

    static final SwitchableServer SERVER = SwitchableServer.start();
    static final AtomicReference<ChaosRun> RUN = new AtomicReference<>();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Fixture
    static class Outage {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("svc", SERVER.address()).build();

        @ChaosLoad
        static LoadDriver svc() {
            return LoadDriver.target(chaos.proxy("svc").url("http") + "/work").progress(false);
        }

        @ChaosTest
        @TakeDown(proxy = "svc", after = "1s", duration = "1s")
        @SteadyState(load = "svc", rate = 20, warmup = "0", baseline = "1s", duration = "3s", recovery = "1s",
                maxErrorRate = -1)
        void outage(ChaosRun run) {
            RUN.set(run);
        }
    }

    @Test
    void thePageDrawsTheLoadTimelineWithTheFaultWindow(@TempDir Path dir) throws IOException {
        long started = System.nanoTime();
        Fixtures.assertCounts(Fixtures.run(Outage.class, "chaos.journal.dir", dir.toString()), 1, 0);
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        Path journal = RUN.get().journal();
        JsonObject doc = JsonParser.parseString(Files.readString(journal)).getAsJsonObject();
        JsonObject data = doc.getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(data.get("check").getAsString()).isEqualTo("steady state \"svc\"");
        // baseline 1s + chaos 3s + recovery 1s at 20/s: at least four whole seconds, and no more than the whole
        // experiment took (a busy machine may stretch the phases, never the seconds)
        assertThat(data.getAsJsonObject("value").getAsJsonArray("seconds").size())
                .isBetween(4, (int) Math.ceil(elapsedSeconds) + 1);
        long errors = 0;
        for (var s : data.getAsJsonObject("value").getAsJsonArray("seconds")) {
            errors += s.getAsJsonObject().get("errors").getAsLong();
        }
        // requests due while the proxy was down (20/s) are refused: about 20 for its 1s. At most the arrivals of the
        // time it was actually down (from the fault's own timeline: a late start shortens it, the end is planned)
        // plus the few in flight at either edge; at least half of its 1s, unless the load loop was stalled for half
        // a second right then. Without the fault: 0
        Duration down = Duration.between(
                RUN.get().timeline().stream().filter(e -> e.action() == FaultEvent.Action.INJECTED).findFirst()
                        .orElseThrow().at(),
                RUN.get().timeline().stream().filter(e -> e.action() == FaultEvent.Action.REVERTED).findFirst()
                        .orElseThrow().at());
        assertThat(errors).as("requests refused while the proxy was down (%s)", down)
                .isBetween(10L, (long) Math.ceil(20 * down.toNanos() / 1e9) + 5);

        Path page = journal.resolveSibling("outage.html");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).contains("<h1>HtmlReportTest$Outage.outage(ChaosRun)</h1>", "<b>passed</b>",
                "<title>take-down on payments</title>".replace("payments", "svc"), "requests/s",
                "latency (ms, corrected)", "<td>injected</td>", "<td>reverted</td>");
        assertThat(polylines(html)).as("completed, errors, dropped, p50, p99, max").isEqualTo(6);
        assertThat(html).doesNotContain("<script");

        String index = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(index).contains("HtmlReportTest$Outage/outage.html", "<td>passed</td>");
    }

    private static int polylines(String html) {
        Matcher m = Pattern.compile("<polyline ").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
