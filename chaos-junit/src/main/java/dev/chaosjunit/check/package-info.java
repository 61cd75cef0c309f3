/**
 * The steady-state check SPI: {@link dev.chaosjunit.check.SteadyStateCheck} observes an experiment phase by phase
 * ({@link dev.chaosjunit.check.Phase}) and contributes {@link dev.chaosjunit.check.Verdict}s through
 * {@link dev.chaosjunit.check.ExperimentControl}; an annotation becomes a check through the
 * {@link dev.chaosjunit.check.CheckHandler} it names with {@link dev.chaosjunit.check.ChaosCheck}.
 * Depends only on the JDK, JUnit's API and {@code dev.chaosjunit.fault}.
 */
package dev.chaosjunit.check;
