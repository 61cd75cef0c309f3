/**
 * Optional: Toxiproxy run by Testcontainers as a {@link dev.chaosjunit.network.ToxiproxyBackend}; the only\n * package that touches the optional testcontainers-toxiproxy dependency.
 */
package dev.chaosjunit.testcontainers;
