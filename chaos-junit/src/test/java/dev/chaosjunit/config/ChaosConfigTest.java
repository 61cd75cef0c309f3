package dev.chaosjunit.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.network.ChaosProxy;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** chaos.enabled, chaos.dryRun, chaos.seed, placeholders, bad values, and the journal each test leaves behind. */
class ChaosConfigTest {

    @BeforeEach
    void clear() {
        FaultLog.clear();
    }

    @Fixture
    static class OneFault {
        @ChaosTest
        @Recorded(name = "cfg")
        void body(ChaosRun run) {
        }
    }

    @Test
    void disabledRunsTheBodyWithoutFaultsAndSaysSo() throws Exception {
        EngineExecutionResults results = Fixtures.run(OneFault.class, "chaos.enabled", "false");

        Fixtures.assertCounts(results, 1, 0);
        assertThat(FaultLog.actions()).isEmpty();
        assertThat(journal(OneFault.class, "body").get("status").getAsString()).isEqualTo("disabled");
        assertThat(reportEntries(results)).containsEntry("chaos.status", "disabled");
    }

    @Test
    void dryRunStartsNothingAndRecordsWhatWouldHappen() throws Exception {
        EngineExecutionResults results = Fixtures.run(OneFault.class, "chaos.dryRun", "true");

        Fixtures.assertCounts(results, 1, 0);
        assertThat(FaultLog.actions()).isEmpty();
        JsonObject journal = journal(OneFault.class, "body");
        assertThat(journal.get("status").getAsString()).isEqualTo("dry-run");
        assertThat(journal.getAsJsonArray("timeline").get(0).getAsJsonObject().get("action").getAsString())
                .isEqualTo("would_inject");
    }

    @Test
    void theSeedIsRecordedAndFixedByConfiguration() throws Exception {
        EngineExecutionResults results = Fixtures.run(OneFault.class, "chaos.seed", "4242");

        assertThat(reportEntries(results)).containsEntry("chaos.seed", "4242");
        assertThat(journal(OneFault.class, "body").get("seed").getAsLong()).isEqualTo(4242L);

        Fixtures.run(OneFault.class);
        long random = journal(OneFault.class, "body").get("seed").getAsLong();
        Fixtures.run(OneFault.class);
        assertThat(journal(OneFault.class, "body").get("seed").getAsLong()).isNotEqualTo(random);
    }

    @Test
    void theJournalHoldsSpecsTimelinePhasesAndVersions() throws Exception {
        EngineExecutionResults results = Fixtures.run(OneFault.class);

        Map<String, String> entries = reportEntries(results);
        assertThat(entries.get("chaos.journal")).endsWith(OneFault.class.getName() + "/body.json");
        JsonObject j = journal(OneFault.class, "body");
        assertThat(j.get("schema").getAsInt()).isEqualTo(1);
        assertThat(j.getAsJsonObject("test").get("method").getAsString()).isEqualTo("body");
        assertThat(j.get("outcome").getAsString()).isEqualTo("passed");
        assertThat(j.getAsJsonObject("versions").get("chaosJunit").getAsString()).isNotEqualTo("unknown");
        assertThat(j.getAsJsonObject("versions").get("junitJupiter").getAsString())
                .isEqualTo(org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion()).isNotNull();
        JsonObject fault = j.getAsJsonArray("faults").get(0).getAsJsonObject();
        assertThat(fault.get("annotation").getAsString()).isEqualTo("@Recorded(name = \"cfg\")");
        assertThat(fault.get("location").getAsString()).isEqualTo("OneFault.body()");
        List<String> actions = j.getAsJsonArray("timeline").asList().stream()
                .map(e -> e.getAsJsonObject().get("action").getAsString()).collect(Collectors.toList());
        assertThat(actions).containsExactly("injected", "reverted");
        assertThat(j.getAsJsonArray("phases")).hasSize(3);
        assertThat(j.getAsJsonArray("checks")).isEmpty();
    }

    @Test
    void badConfigurationValuesAreNamed() {
        assertThat(Fixtures.failure(Fixtures.run(OneFault.class, "chaos.seed", "abc")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("chaos.seed = \"abc\" is not a seed: expected a whole number such as 42");
        assertThat(Fixtures.failure(Fixtures.run(OneFault.class, "chaos.enabled", "yes")))
                .hasMessage("chaos.enabled = \"yes\" is not a boolean: expected true or false");
        assertThat(Fixtures.failure(Fixtures.run(OneFault.class, "chaos.toxiproxy.url", "localhost:8474")))
                .hasMessage("chaos.toxiproxy.url = \"localhost:8474\" is not a Toxiproxy URL: expected "
                        + "http://<host>:<port> with a port from 1 to 65535, for example http://127.0.0.1:8474");
        assertThat(Fixtures.failure(Fixtures.run(OneFault.class, "chaos.toxiproxy.url", "https://toxiproxy:8474")))
                .hasMessageStartingWith("chaos.toxiproxy.url = \"https://toxiproxy:8474\" is not a Toxiproxy URL");
        assertThat(Fixtures.failure(Fixtures.run(OneFault.class, "chaos.toxiproxy.url", "http://127.0.0.1:99999")))
                .hasMessageStartingWith("chaos.toxiproxy.url = \"http://127.0.0.1:99999\" is not a Toxiproxy URL");
        assertThat(Fixtures.failure(Fixtures.run(OneFault.class, "chaos.expiry", "10ms")))
                .hasMessage("chaos.expiry = \"10ms\" is too short: expected at least 1s");
    }

    /** Placeholders read CHAOS_JUNIT_TEST_PORT=9 and CHAOS_JUNIT_TEST_LATENCY=150ms (surefire configuration). */
    @ChaosProxy(name = "env", upstream = "127.0.0.1:${CHAOS_JUNIT_TEST_PORT}")
    @Fixture
    static class EnvResolved {
        @ChaosTest
        @InjectLatency(proxy = "env", latency = "${CHAOS_JUNIT_TEST_LATENCY}")
        void body(ChaosRun run) {
            assertThat(run.proxyNames()).containsExactly("env");
        }
    }

    @Test
    void placeholdersAreReplacedFromTheEnvironment() throws Exception {
        Fixtures.assertCounts(Fixtures.run(EnvResolved.class), 1, 0);
        JsonObject fault = journal(EnvResolved.class, "body").getAsJsonArray("faults").get(0).getAsJsonObject();
        assertThat(fault.getAsJsonObject("attributes").get("latency_ms").getAsLong()).isEqualTo(150L);
    }

    @ChaosProxy(name = "env", upstream = "127.0.0.1:${CHAOS_JUNIT_TEST_PORT}")
    @ChaosProxy(name = "bytes", upstream = "${UPSTREAM_FOR_TEST}")
    @Fixture
    static class Placeholders {
        @ChaosTest
        void body() {
        }
    }

    @Test
    void anUnsetPlaceholderInAProxyDeclarationIsNamed() {
        assertThat(Fixtures.failure(Fixtures.run(Placeholders.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosProxy(name = \"bytes\") on Placeholders: upstream = \"${UPSTREAM_FOR_TEST}\" uses "
                        + "${UPSTREAM_FOR_TEST}, which is not set: expected the environment variable "
                        + "or system property UPSTREAM_FOR_TEST to be set");
    }

    @Fixture
    static class BadUpstream {
        @ChaosProxy(name = "x", upstream = "localhost")
        @Fixture
        static class Inner {
            @ChaosTest
            void body() {
            }
        }
    }

    @Test
    void aBadUpstreamIsNamed() {
        assertThat(Fixtures.failure(Fixtures.run(BadUpstream.Inner.class)))
                .hasMessage("@ChaosProxy(name = \"x\") on Inner: upstream = \"localhost\" is not host:port: expected "
                        + "a host and a port from 1 to 65535, for example \"localhost:8081\"");
    }

    static JsonObject journal(Class<?> fixture, String method) throws Exception {
        Path p = Path.of("target/chaos-reports/fixtures", fixture.getName(), method + ".json");
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    static Map<String, String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
                .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b));
    }
}
