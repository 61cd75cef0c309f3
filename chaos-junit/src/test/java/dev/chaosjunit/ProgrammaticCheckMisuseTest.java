package dev.chaosjunit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.testing.Fixture;
import dev.chaosjunit.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A programmatic check supplier that misbehaves is named, not a NullPointerException later. */
class ProgrammaticCheckMisuseTest {

    @Fixture
    static class NullCheck {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().check(() -> null).build();

        @ChaosTest
        void body() {
        }
    }

    @Fixture
    static class ThrowingCheck {
        @RegisterExtension
        static ChaosExtension chaos = ChaosExtension.builder().check(() -> {
            throw new IllegalStateException("no load target configured");
        }).build();

        @ChaosTest
        void body() {
        }
    }

    @Test
    void aSupplierReturningNullIsNamed() {
        assertThat(Fixtures.failure(Fixtures.run(NullCheck.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("ChaosExtension.builder().check(...) on NullCheck.body(): the supplier returned null: "
                        + "expected it to return a fresh SteadyStateCheck");
    }

    @Test
    void aSupplierThatThrowsIsNamed() {
        assertThat(Fixtures.failure(Fixtures.run(ThrowingCheck.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("ChaosExtension.builder().check(...) on ThrowingCheck.body(): the supplier threw "
                        + "java.lang.IllegalStateException: no load target configured: expected it to return a fresh "
                        + "SteadyStateCheck");
    }
}
