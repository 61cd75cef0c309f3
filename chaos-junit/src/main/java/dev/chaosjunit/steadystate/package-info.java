/**
 * Steady-state hypotheses judged per experiment phase: the load hypothesis
 * ({@link dev.chaosjunit.steadystate.SteadyState}, {@link dev.chaosjunit.steadystate.SteadyStateSpec}) with its
 * tolerances and per-phase results ({@link dev.chaosjunit.steadystate.LoadResults},
 * {@link dev.chaosjunit.steadystate.PhaseStats}), health probes, and the
 * {@link dev.chaosjunit.check.SteadyStateCheck} SPI every check (load, health, Prometheus, your own) plugs into.
 */
package dev.chaosjunit.steadystate;
