package dev.chaosjunit.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the JUnit Platform {@link EngineTestKit}, as junit-pioneer does. */
public final class Fixtures {

    private Fixtures() {
    }

    public static EngineExecutionResults run(Class<?> fixture, String... keyValues) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameters(params(keyValues)).execute();
    }

    public static EngineExecutionResults runMethod(Class<?> fixture, String method, String... keyValues) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(fixture, method))
                .configurationParameters(params(keyValues)).execute();
    }

    /** The configuration parameter {@link Fixture} classes need to run. */
    public static final String FIXTURE_PARAMETER = "chaos.test.fixture";

    /** The condition of {@link Fixture}. */
    public static boolean runByFixtures(org.junit.jupiter.api.extension.ExtensionContext context) {
        return context.getConfigurationParameter(FIXTURE_PARAMETER).isPresent();
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new HashMap<>();
        params.put(FIXTURE_PARAMETER, "true");
        params.put("chaos.journal.dir", "target/chaos-reports/fixtures");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    /** The throwable of the single failed test. */
    public static Throwable failure(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("expected exactly one failed test, got " + failed.size() + ": "
                    + summary(results));
        }
        return throwable(failed.get(0));
    }

    /** The throwable of the named test's finished event. */
    public static Throwable failure(EngineExecutionResults results, String method) {
        Event e = results.testEvents().finished().stream()
                .filter(ev -> ev.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .findFirst().orElseThrow(() -> new AssertionError("no finished test " + method));
        return throwable(e);
    }

    private static Throwable throwable(Event e) {
        Optional<Throwable> t = e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
        return t.orElseThrow(() -> new AssertionError(e.getTestDescriptor().getDisplayName() + " did not fail"));
    }

    /** Asserts the numbers of succeeded and failed tests, showing every outcome if they differ. */
    public static void assertCounts(EngineExecutionResults results, int succeeded, int failed) {
        long s = results.testEvents().succeeded().count();
        long f = results.testEvents().failed().count();
        if (s != succeeded || f != failed) {
            throw new AssertionError("expected " + succeeded + " succeeded and " + failed + " failed, got " + s
                    + " and " + f + ": " + summary(results));
        }
    }

    public static String summary(EngineExecutionResults results) {
        return results.testEvents().finished().stream().map(e -> e.getTestDescriptor().getDisplayName() + "="
                + e.getPayload(TestExecutionResult.class).map(r -> r.getStatus() + r.getThrowable()
                        .map(t -> " " + t).orElse("")).orElse("?"))
                .collect(Collectors.joining(", "));
    }
}
