/**
 * AssertJ assertions on windows of load, behind the one entry point
 * {@link dev.chaosjunit.assertions.ChaosAssertions}; failure messages show every phase's numbers. AssertJ is an
 * optional dependency.
 */
package dev.chaosjunit.assertions;
