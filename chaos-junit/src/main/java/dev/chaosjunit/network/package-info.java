/**
 * Network faults on Toxiproxy proxies: {@link dev.chaosjunit.network.ChaosProxy} declares a proxy, the fault\n * annotations ({@link dev.chaosjunit.network.InjectLatency}, ...) name their handler in\n * {@code dev.chaosjunit.network.internal}; {@link dev.chaosjunit.network.ToxiproxyBackend} picks the server.
 */
package dev.chaosjunit.network;
