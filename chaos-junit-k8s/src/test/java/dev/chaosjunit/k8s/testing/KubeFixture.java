package dev.chaosjunit.k8s.testing;

import org.junit.jupiter.api.condition.EnabledIf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a fixture class: it runs only through {@link KubeFixtures} (EngineTestKit), never on its own. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnabledIf("dev.chaosjunit.k8s.testing.KubeFixtures#runByFixtures")
public @interface KubeFixture {
}
