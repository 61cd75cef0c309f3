package dev.chaosjunit.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Marks a fixture class: it runs only through {@link Fixtures} (EngineTestKit), never on its own, even when a
 * {@code -Dtest} pattern selects nested classes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnabledIf("dev.chaosjunit.testing.Fixtures#runByFixtures")
public @interface Fixture {
}
