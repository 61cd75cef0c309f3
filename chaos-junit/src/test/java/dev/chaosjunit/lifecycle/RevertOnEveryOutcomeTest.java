package dev.chaosjunit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.testing.FaultLog;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Recorded;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A fault is active while the body runs and reverted whatever the body (or another extension) does. */
class RevertOnEveryOutcomeTest {

    @BeforeEach
    void clear() {
        FaultLog.clear();
    }

    @Fixture
    static class Outcomes {
        @ChaosTest
        @Recorded(name = "pass")
        void passes() {
            assertThat(FaultLog.active()).hasSize(1);
        }

        @ChaosTest
        @Recorded(name = "assertion")
        void failsAnAssertion() {
            fail("the checkout failed");
        }

        @ChaosTest
        @Recorded(name = "exception")
        void throwsAnException() throws IOException {
            throw new IOException("connection reset");
        }

        @ChaosTest
        @Recorded(name = "preemptive")
        void timesOutPreemptively() {
            assertTimeoutPreemptively(Duration.ofMillis(100), () -> Thread.sleep(30_000));
        }

        @ChaosTest
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        @Recorded(name = "timeout")
        void exceedsItsTimeout() throws InterruptedException {
            Thread.sleep(30_000);
        }

        @ChaosTest
        @Recorded(name = "interrupt")
        void isInterrupted() throws InterruptedException {
            Thread body = Thread.currentThread();
            new Thread(body::interrupt).start();
            Thread.sleep(30_000);
        }

        @ChaosTest
        @Recorded(name = "self-interrupt")
        void leavesItsInterruptFlagSet() {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyOutcomeRevertsTheFault() {
        EngineExecutionResults results = Fixtures.run(Outcomes.class);

        Fixtures.assertCounts(results, 2, 5);
        assertThat(Fixtures.failure(results, "failsAnAssertion")).hasMessage("the checkout failed");
        assertThat(Fixtures.failure(results, "throwsAnException")).isInstanceOf(IOException.class)
                .hasMessage("connection reset");
        assertThat(Fixtures.failure(results, "timesOutPreemptively")).hasMessageContaining("timed out after 100");
        assertThat(Fixtures.failure(results, "exceedsItsTimeout")).hasMessageContaining("timed out after 200");
        assertThat(Fixtures.failure(results, "isInterrupted")).isInstanceOf(InterruptedException.class);
        for (String name : new String[] {"pass", "assertion", "exception", "preemptive", "timeout", "interrupt",
                "self-interrupt"}) {
            assertThat(FaultLog.entries("inject", name)).as(name).hasSize(1);
            assertThat(FaultLog.entries("revert", name)).as(name).hasSize(1);
        }
        assertThat(FaultLog.active()).isEmpty();
    }

    /** Wraps the test method inside ChaosExtension's interceptor and throws after the body passed. */
    static class ThrowsAfterBody implements InvocationInterceptor {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
                throws Throwable {
            invocation.proceed();
            throw new IllegalStateException("another extension failed after the body");
        }
    }

    /** Fails before the test method, after ChaosExtension's beforeEach. */
    static class FailsBeforeEach implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            throw new IllegalStateException("another extension failed in beforeEach");
        }
    }

    @Fixture
    static class OtherExtensions {
        @ChaosTest
        @ExtendWith(ThrowsAfterBody.class)
        @Recorded(name = "inner-interceptor")
        void innerInterceptorThrows() {
            assertThat(FaultLog.active()).hasSize(1);
        }

        @ChaosTest
        @ExtendWith(FailsBeforeEach.class)
        @Recorded(name = "before-each")
        void anotherBeforeEachThrows() {
            fail("not reached");
        }
    }

    @Test
    void anExceptionInAnotherExtensionStillReverts() {
        EngineExecutionResults results = Fixtures.run(OtherExtensions.class);

        assertThat(Fixtures.failure(results, "innerInterceptorThrows"))
                .hasMessage("another extension failed after the body");
        assertThat(Fixtures.failure(results, "anotherBeforeEachThrows"))
                .hasMessage("another extension failed in beforeEach");
        assertThat(FaultLog.actions()).containsExactly("inject inner-interceptor", "revert inner-interceptor");
        assertThat(FaultLog.active()).isEmpty();
    }

    @Fixture
    static class StoreClosingOff {
        @ChaosTest
        @Recorded(name = "no-store-close")
        void fails() {
            fail("boom");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void revertDoesNotDependOnTheStoreClosingResources(String autoClose) {
        EngineExecutionResults results = Fixtures.run(StoreClosingOff.class,
                "junit.jupiter.extensions.store.close.autocloseable.enabled", autoClose);

        assertThat(Fixtures.failure(results)).hasMessage("boom");
        assertThat(FaultLog.actions()).containsExactly("inject no-store-close", "revert no-store-close");
    }

    @Fixture
    static class RevertFails {
        @ChaosTest
        @Recorded(name = "stubborn", failRevert = true)
        void passes() {
        }
    }

    @Test
    void aFailedRevertFailsThePassingTestAndIsTriedAgain() {
        EngineExecutionResults results = Fixtures.run(RevertFails.class);

        assertThat(Fixtures.failure(results)).hasMessage("chaos-junit could not revert every fault: could not "
                + "revert @Recorded(name = \"stubborn\") from RevertFails.passes() (occurrence 1): "
                + "java.lang.IllegalStateException: recorder stubborn refuses to stop");
        // the failed revert is tried again (here by the explicit revert in afterEach) and then succeeds; the test
        // still fails, because the fault outlived its planned end
        assertThat(FaultLog.actions()).containsExactly("inject stubborn", "revert-failed stubborn", "revert stubborn");
        assertThat(FaultLog.active()).isEmpty();
    }

    @Fixture
    static class InjectFails {
        @ChaosTest
        @Recorded(name = "ok")
        @Recorded(name = "broken", failInject = true)
        void body() {
            fail("the body must not run to its end: " + FaultLog.actions());
        }
    }

    @Test
    void aFaultThatCannotStartHaltsTheExperimentAndRevertsTheOthers() {
        EngineExecutionResults results = Fixtures.run(InjectFails.class);

        assertThat(Fixtures.failure(results)).hasMessageStartingWith("experiment halted during chaos: could not "
                + "start @Recorded(name = \"broken\") from InjectFails.body(): java.lang.IllegalStateException: "
                + "recorder broken refuses to start");
        assertThat(FaultLog.actions()).containsExactly("inject ok", "inject-failed broken", "revert ok");
    }
}
