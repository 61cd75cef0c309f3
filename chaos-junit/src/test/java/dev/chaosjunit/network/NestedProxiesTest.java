package dev.chaosjunit.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosExtension;
import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.testing.ByteServer;
import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import dev.chaosjunit.testing.Wire;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @Nested} classes see the {@code @ChaosProxy} declarations of their enclosing classes. */
class NestedProxiesTest {

    private static final String UPSTREAM_PROPERTY = "CHAOS_TEST_NESTED_UPSTREAM";
    static final ByteServer UPSTREAM = ByteServer.start();

    static {
        System.setProperty(UPSTREAM_PROPERTY, UPSTREAM.address());
    }

    @AfterAll
    static void stop() {
        UPSTREAM.close();
        System.clearProperty(UPSTREAM_PROPERTY);
    }

    @Fixture
    @ExtendWith(ChaosExtension.class)
    @ChaosProxy(name = "outer", upstream = "${CHAOS_TEST_NESTED_UPSTREAM}")
    static class RegisteredOnTheOuterClass {
        @Nested
        @ChaosProxy(name = "inner", upstream = "${CHAOS_TEST_NESTED_UPSTREAM}")
        class Inner {
            @Test
            @InjectLatency(proxy = "outer", latency = "100ms")
            void seesTheOuterAndItsOwnProxies(ChaosRun run) {
                assertThat(run.proxyNames()).containsExactlyInAnyOrder("outer", "inner");
                assertThat(ChaosExtension.proxy(Inner.class, "outer"))
                        .isEqualTo(ChaosExtension.proxy(RegisteredOnTheOuterClass.class, "outer"))
                        .isEqualTo(run.proxy("outer"));
                assertThat(ChaosExtension.proxy(Inner.class, "inner")).isEqualTo(run.proxy("inner"));
                Wire.Exchange e = Wire.exchange(run.proxy("outer"), "GET 10", 10, Duration.ofSeconds(5));
                assertThat(e.bytes()).isEqualTo(10);
                assertThat(e.elapsed()).as("latency injected on the outer class's proxy")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(95));
            }
        }
    }

    @Fixture
    @ChaosProxy(name = "outer", upstream = "${CHAOS_TEST_NESTED_UPSTREAM}")
    static class TwoLevels {
        @Nested
        @ChaosProxy(name = "middle", upstream = "${CHAOS_TEST_NESTED_UPSTREAM}")
        class Middle {
            @Nested
            class Inner {
                @ChaosTest
                @InjectLatency(proxy = "outer", latency = "100ms")
                void injectsOnTheOutermostProxy(ChaosRun run) {
                    assertThat(run.proxyNames()).containsExactlyInAnyOrder("outer", "middle");
                    assertThat(ChaosExtension.proxy(Inner.class, "outer")).isEqualTo(run.proxy("outer"));
                    assertThat(ChaosExtension.proxy(Inner.class, "middle")).isEqualTo(run.proxy("middle"));
                    Wire.Exchange e = Wire.exchange(run.proxy("outer"), "GET 10", 10, Duration.ofSeconds(5));
                    assertThat(e.bytes()).isEqualTo(10);
                    assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(95));
                }
            }
        }
    }

    @Fixture
    @ChaosProxy(name = "payments", upstream = "${CHAOS_TEST_NESTED_UPSTREAM}")
    static class SameNameTwice {
        @Nested
        @ChaosProxy(name = "payments", upstream = "${CHAOS_TEST_NESTED_UPSTREAM}")
        class Inner {
            @ChaosTest
            void body() {
            }
        }
    }

    @Test
    void aNestedClassSeesTheProxiesOfTheClassThatEnclosesIt() {
        Fixtures.assertCounts(Fixtures.run(RegisteredOnTheOuterClass.class), 1, 0);
    }

    @Test
    void aClassNestedTwoLevelsDeepSeesTheProxiesOfBothEnclosingClasses() {
        Fixtures.assertCounts(Fixtures.run(TwoLevels.class), 1, 0);
    }

    @Test
    void aNameDeclaredOnANestedClassAndItsEnclosingClassIsRefused() {
        assertThat(Fixtures.failure(Fixtures.run(SameNameTwice.class))).hasMessage("@ChaosProxy(name = \"payments\") "
                + "on Inner: name = \"payments\" is also declared on its enclosing class SameNameTwice: expected each "
                + "proxy name once per test class");
    }
}
