/**
 * The embedded HTTP/1.1 load driver: an open-model (or closed-model) load profile, scenarios of requests with checks
 * and captures, and honest, coordinated-omission-corrected statistics per second of the run. Start with
 * {@link dev.chaosjunit.load.LoadDriver#target(String)}. It has no JUnit dependency; the steady-state checks of the
 * extension run on it.
 */
package dev.chaosjunit.load;
