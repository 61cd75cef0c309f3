package dev.chaosjunit.toxiproxy.internal.proxy;

import dev.chaosjunit.toxiproxy.internal.metrics.ProxyMetrics;
import dev.chaosjunit.toxiproxy.internal.net.ServerResources;
import dev.chaosjunit.toxiproxy.internal.net.EventLoopGroup;

/**
 * What every proxy of one server shares.
 *
 * @param loops    the event loops of the data path
 * @param seed     the server's seed
 * @param resources the file descriptor reserve and the memory budget of all connections
 * @param metrics  the proxy metrics, or null when they are off
 * @param resolver looks upstream names up off the loops
 */
public record ProxyEnvironment(EventLoopGroup loops, long seed, ServerResources resources, ProxyMetrics metrics,
        UpstreamResolver resolver) {
}
