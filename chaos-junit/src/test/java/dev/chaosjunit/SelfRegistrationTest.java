package dev.chaosjunit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.network.ChaosProxy;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.network.LimitBandwidth;
import dev.chaosjunit.network.LimitData;
import dev.chaosjunit.network.ResetPeer;
import dev.chaosjunit.network.SliceData;
import dev.chaosjunit.network.SlowClose;
import dev.chaosjunit.network.TakeDown;
import dev.chaosjunit.network.TimeoutConnections;
import dev.chaosjunit.prometheus.PrometheusCheck;
import dev.chaosjunit.steadystate.HealthProbe;
import dev.chaosjunit.steadystate.SteadyState;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Probe;
import dev.chaosjunit.testing.ProbeLog;
import dev.chaosjunit.testing.Recorded;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every fault and check annotation registers {@link ChaosExtension} itself, so it is never silently ignored on a plain
 * {@code @Test}; registering the extension several times still runs the experiment exactly once.
 */
class SelfRegistrationTest {

    @BeforeEach
    void clear() {
        FaultLog.clear();
        ProbeLog.clear();
    }

    static Stream<Class<? extends Annotation>> annotations() {
        return Stream.of(InjectLatency.class, LimitBandwidth.class, LimitData.class, ResetPeer.class,
                SliceData.class, SlowClose.class, TakeDown.class, TimeoutConnections.class, ChaosProxy.class,
                SteadyState.class, HealthProbe.class, PrometheusCheck.class, Recorded.class, Probe.class);
    }

    @ParameterizedTest
    @MethodSource("annotations")
    void everyAnnotationAndItsContainerCarryTheExtension(Class<? extends Annotation> type) throws Exception {
        assertThat(extensions(type)).as("@%s", type.getSimpleName()).contains(ChaosExtension.class);
        Class<?> container = type.getDeclaredClasses().length == 0 ? null : type.getDeclaredClasses()[0];
        if (container != null && container.isAnnotation()) {
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> c = (Class<? extends Annotation>) container;
            assertThat(extensions(c)).as("@%s.List", type.getSimpleName()).contains(ChaosExtension.class);
        }
        boolean named = type.isAnnotationPresent(ChaosFault.class) || type.isAnnotationPresent(ChaosCheck.class);
        assertThat(named || type == ChaosProxy.class).as("@%s names its handler", type.getSimpleName()).isTrue();
    }

    private static List<Class<?>> extensions(Class<? extends Annotation> type) {
        return AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                .flatMap(e -> Stream.of(e.value())).collect(Collectors.toList());
    }

    @Test
    void aFaultOnAPlainTestRuns() {
        EngineExecutionResults results = Fixtures.run(PlainTest.class);
        Fixtures.assertCounts(results, 2, 0);
        assertThat(FaultLog.entries("inject", "plain")).hasSize(1);
        assertThat(FaultLog.entries("revert", "plain")).hasSize(1);
        assertThat(FaultLog.entries("inject", "repeated-a")).hasSize(1);
        assertThat(FaultLog.entries("inject", "repeated-b")).hasSize(1);
    }

    @Test
    void aComposedUserAnnotationOnAPlainTestRuns() {
        EngineExecutionResults results = Fixtures.run(ComposedOnPlainTest.class);
        Fixtures.assertCounts(results, 1, 0);
        assertThat(FaultLog.entries("inject", "composed")).hasSize(1);
        assertThat(FaultLog.entries("revert", "composed")).hasSize(1);
    }

    @Test
    void aCheckOnAPlainTestRuns() {
        EngineExecutionResults results = Fixtures.run(CheckOnPlainTest.class);
        Fixtures.assertCounts(results, 1, 0);
        assertThat(ProbeLog.entries()).isNotEmpty();
    }

    @Test
    void aNetworkFaultOnAPlainTestRuns() {
        try (ByteServer upstream = ByteServer.start()) {
            System.setProperty("CHAOS_JUNIT_SELF_REGISTRATION_UPSTREAM", upstream.address());
            try {
                EngineExecutionResults results = Fixtures.run(NetworkOnPlainTest.class);
                Fixtures.assertCounts(results, 1, 0);
            } finally {
                System.clearProperty("CHAOS_JUNIT_SELF_REGISTRATION_UPSTREAM");
            }
        }
    }

    @Test
    void registeredThreeTimesTheExperimentRunsOnce() {
        EngineExecutionResults results = Fixtures.run(RegisteredThreeTimes.class);
        Fixtures.assertCounts(results, 1, 0);
        assertThat(FaultLog.entries("inject", "once")).hasSize(1);
        assertThat(FaultLog.entries("revert", "once")).hasSize(1);
    }

    @Fixture
    static class PlainTest {
        @Test
        @Recorded(name = "plain")
        void plain(ChaosRun run) {
            assertThat(run.timeline()).extracting(FaultEvent::action).contains(FaultEvent.Action.INJECTED);
        }

        @Test
        @Recorded(name = "repeated-a")
        @Recorded(name = "repeated-b")
        void repeated(ChaosRun run) {
            assertThat(run.timeline()).hasSize(2);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Recorded(name = "composed")
    @interface UsersOwnFault {
    }

    @Fixture
    static class ComposedOnPlainTest {
        @Test
        @UsersOwnFault
        void composed(ChaosRun run) {
            assertThat(run.timeline()).extracting(FaultEvent::description).containsExactly("recorded on composed");
        }
    }

    @Fixture
    static class CheckOnPlainTest {
        @Test
        @Probe(name = "probe")
        void probed(ChaosRun run) {
            assertThat(run.window()).isEmpty();
        }
    }

    @Fixture
    @ChaosProxy(name = "svc", upstream = "${CHAOS_JUNIT_SELF_REGISTRATION_UPSTREAM}")
    static class NetworkOnPlainTest {
        @Test
        @InjectLatency(proxy = "svc", latency = "50ms")
        void slowed(ChaosRun run) {
            assertThat(run.timeline()).extracting(FaultEvent::description).containsExactly("latency on svc");
        }
    }

    @Fixture
    @ExtendWith(ChaosExtension.class)
    static class RegisteredThreeTimes {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().seed(7).build();

        @ChaosTest
        @Recorded(name = "once")
        void once(ChaosRun run) {
            assertThat(run.seed()).isEqualTo(7);
        }
    }
}
