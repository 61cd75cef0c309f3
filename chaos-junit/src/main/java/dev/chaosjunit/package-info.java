/**
 * chaos-junit's entry points: {@link dev.chaosjunit.ChaosTest}, {@link dev.chaosjunit.ChaosExtension} (declarative
 * or built in code), {@link dev.chaosjunit.ChaosRun} (what a test sees of its experiment) and
 * {@link dev.chaosjunit.ChaosResourceLocks} (parallel runs).
 */
package dev.chaosjunit;
