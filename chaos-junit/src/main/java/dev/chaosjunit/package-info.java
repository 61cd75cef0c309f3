/**
 * chaos-junit's entry points: {@link dev.chaosjunit.ChaosTest}, {@link dev.chaosjunit.ChaosExtension} (declarative\n * or built in code), {@link dev.chaosjunit.ChaosRun} (what a test sees of its experiment) and\n * {@link dev.chaosjunit.ChaosResourceLocks} (parallel runs).
 */
package dev.chaosjunit;
