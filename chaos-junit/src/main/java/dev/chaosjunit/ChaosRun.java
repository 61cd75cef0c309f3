package dev.chaosjunit;

import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.steadystate.LoadResults;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a chaos test sees of its experiment; declare it as a test method parameter.
 *
 * <pre>{@code
 * @ChaosTest
 * @InjectLatency(proxy = "payments", latency = "400ms")
 * void slowPayments(ChaosRun run) {
 *     PaymentsClient client = new PaymentsClient(run.proxy("payments").url("http"));
 *     ...
 * }
 * }</pre>
 */
public interface ChaosRun {

    /**
     * Where to connect to reach the named proxy (created on the server on first use).
     *
     * @throws IllegalArgumentException if no such proxy is declared
     */
    ProxyAddress proxy(String name);

    /** The names of the proxies this test can use. */
    Set<String> proxyNames();

    /** The seed of this experiment (always printed and written to the journal). */
    long seed();

    /** Where this test's journal is written (after the test). */
    Path journal();

    /** The chaos window, if declared. */
    Optional<Duration> window();

    /** The fault timeline so far: injections and reverts with timestamps. */
    List<FaultEvent> timeline();

    /** The steady-state verdicts so far. */
    List<Verdict> verdicts();

    /**
     * The load of the test's {@link dev.chaosjunit.steadystate.SteadyState @SteadyState}, phase by phase.
     *
     * @throws IllegalStateException if the test declares no steady-state load, or several (use {@link #load(String)})
     */
    LoadResults load();

    /**
     * The load of the {@link dev.chaosjunit.steadystate.SteadyState @SteadyState} named {@code name}.
     *
     * @throws IllegalArgumentException if there is none of that name
     */
    LoadResults load(String name);

    /**
     * The steady-state check of this type running in this experiment (declared by annotation or registered in code),
     * for example to read a load driver's figures in the test body.
     *
     * @throws IllegalArgumentException if there is none, or more than one
     */
    <T extends SteadyStateCheck> T check(Class<T> type);
}
