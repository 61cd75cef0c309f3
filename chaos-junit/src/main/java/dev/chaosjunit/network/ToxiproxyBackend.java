package dev.chaosjunit.network;

import eu.rekawek.toxiproxy.ToxiproxyClient;

/**
 * A Toxiproxy server the extension talks to through {@link ToxiproxyClient}. chaos-junit uses the embedded server by
 * default, or an external one when {@code chaos.toxiproxy.url} is set; pass another one (for example
 * {@code dev.chaosjunit.testcontainers.ToxiproxyContainers.backend(container)}) to
 * {@code ChaosExtension.builder().toxiproxy(...)}.
 */
public interface ToxiproxyBackend {

    /** The client; one per backend. */
    ToxiproxyClient client();

    /** For logs and the journal, e.g. {@code embedded http://127.0.0.1:40123}. */
    String description();

    /**
     * The listen address to request for a new proxy. {@code index} counts the proxies created on this backend, for
     * servers with a fixed set of exposed ports; the default asks for an ephemeral loopback port.
     */
    default String listenFor(int index) {
        return "127.0.0.1:0";
    }

    /** Maps the listen address the server reports to the address clients of the test connect to. */
    default ProxyAddress reachableAt(String proxyName, String listen) {
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return new ProxyAddress(proxyName, host, Integer.parseInt(listen.substring(colon + 1)));
    }
}
