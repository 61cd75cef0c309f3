/**
 * Optional: Toxiproxy run by Testcontainers as a {@link dev.chaosjunit.network.ToxiproxyBackend}; the only
 * package that touches the optional testcontainers-toxiproxy dependency.
 */
package dev.chaosjunit.testcontainers;
