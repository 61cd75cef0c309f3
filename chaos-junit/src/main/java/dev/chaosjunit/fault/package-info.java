/**
 * The fault SPI: an annotation meta-annotated with {@link dev.chaosjunit.fault.ChaosFault} names its
 * {@link dev.chaosjunit.fault.FaultHandler}, which resolves it (with {@link dev.chaosjunit.fault.ResolveContext} and
 * the one value parser {@link dev.chaosjunit.fault.AnnotationValues}) into an immutable
 * {@link dev.chaosjunit.fault.FaultSpec}; the engine schedules, injects and reverts it. A leaf: depends only on the
 * JDK, JUnit's API and {@code dev.chaosjunit.config}.
 */
package dev.chaosjunit.fault;
