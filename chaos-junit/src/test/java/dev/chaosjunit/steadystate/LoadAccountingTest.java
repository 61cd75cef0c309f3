package dev.chaosjunit.steadystate;

import dev.chaosjunit.check.Phase;
import dev.chaosjunit.check.Verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.SwitchableServer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What a load check reports and when, end to end: the progress line ends with the experiment's last phase,
 * requests still in flight at the end of the chaos phase are accounted for in its verdict, a latency bound below the
 * baseline's own median is explained.
 */
class LoadAccountingTest {

    static final SwitchableServer SERVER = SwitchableServer.start();
    static final AtomicReference<ChaosRun> RUN = new AtomicReference<>();
    static final List<String> LINES = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        SERVER.mode(SwitchableServer.Mode.OK);
        SERVER.slowMillis(300);
        RUN.set(null);
        LINES.clear();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    abstract static class ThroughProxy {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().proxy("svc", SERVER.address()).build();

        @ChaosLoad
        static LoadDriver svc() {
            return LoadDriver.target(chaos.proxy("svc").url("http") + "/work").progressSink(LINES::add);
        }
    }

    /**
     * From the start of chaos the service answers in 1.5s, longer than what is left of the phase for the requests of
     * its last 1.5s; unlike a proxy's latency toxic, whose revert flushes what it holds, the service stays slow, so
     * those requests are still in flight when the phase ends.
     */
    @Fixture
    static class SlowerThanThePhase extends ThroughProxy {
        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "10ms")
        @SteadyState(load = "svc", rate = 10, warmup = "0", baseline = "1s", duration = "2s", recovery = "3s",
                p99 = "10s")
        void body(ChaosRun run) {
            RUN.set(run);
            SERVER.slowMillis(1500);
            SERVER.mode(SwitchableServer.Mode.SLOW);
        }
    }

    @Test
    void requestsInFlightAtTheEndOfChaosAreInItsVerdictExactly() throws Exception {
        EngineExecutionResults results = Fixtures.run(SlowerThanThePhase.class);
        Fixtures.assertCounts(results, 1, 0);
        ChaosRun run = RUN.get();
        Verdict during = run.verdicts().stream().filter(v -> v.phase() == Phase.DURING).findFirst().orElseThrow();
        JsonObject d = JsonParser.parseString(during.detailsJson()).getAsJsonObject();
        long sent = d.get("sent").getAsLong();
        long completed = d.get("requests").getAsLong();
        long atStart = d.get("inFlightAtStart").getAsLong();
        long atEnd = d.get("inFlightAtEnd").getAsLong();
        // every request the phase had is either completed in it or still in flight at its end
        assertThat(atStart + sent).isEqualTo(completed + atEnd);
        // the window ends with the end of a whole second; what was sent in the 1.5s before it cannot have completed
        assertThat(atEnd).isPositive();
        assertThat(during.message()).contains(", in flight at end " + atEnd);
        assertThat(Files.readString(run.journal())).contains("\"inFlightAtEnd\"");
        // and they are counted when they complete, in the after phase: nothing was dropped or lost
        Verdict after = run.verdicts().stream().filter(v -> v.phase() == Phase.AFTER).findFirst().orElseThrow();
        assertThat(JsonParser.parseString(after.detailsJson()).getAsJsonObject().get("inFlightAtStart").getAsLong())
                .isPositive();
    }

    @Test
    void theProgressLineEndsWithTheLastJudgedPhase() {
        EngineExecutionResults results = Fixtures.run(SlowerThanThePhase.class);
        Fixtures.assertCounts(results, 1, 0);
        ChaosRun run = RUN.get();
        Instant loadStart = run.load().timeline().get(0).from();
        Instant afterEnd = run.load().after().to();
        assertThat(LINES).isNotEmpty();
        Pattern second = Pattern.compile("^chaos-load \\[[^\\]]*] (\\d+)s: ");
        for (String line : LINES) {
            Matcher m = second.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            Instant secondEnd = loadStart.plusSeconds(Long.parseLong(m.group(1)));
            assertThat(secondEnd).as("a progress line about a second after the last phase: %s", line)
                    .isBeforeOrEqualTo(afterEnd);
            assertThat(line).doesNotContain("p99 0.000ms").doesNotContain("p99 0.00ms");
        }
    }

    @Fixture
    static class BoundBelowTheMedian extends ThroughProxy {
        @ChaosTest
        @InjectLatency(proxy = "svc", latency = "50ms")
        @SteadyState(load = "svc", rate = 20, warmup = "0", baseline = "1s", duration = "1s", recovery = "1s",
                p99 = "1us")
        void body() {
        }
    }

    @Test
    void aLatencyBoundBelowTheBaselineMedianIsExplained() {
        EngineExecutionResults results = Fixtures.run(BoundBelowTheMedian.class);
        Fixtures.assertCounts(results, 0, 1);
        // a loopback round trip through the proxy takes far more than 1us: no run can meet this bound
        assertThat(Fixtures.failure(results).getMessage()).contains("not steady before chaos")
                .contains("p99 = \"1us\" is below this run's baseline p50 ")
                .contains("so no phase can meet it: check its unit, or measure the service's latency first");
    }
}
