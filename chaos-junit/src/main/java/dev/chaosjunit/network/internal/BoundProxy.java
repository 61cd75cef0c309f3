package dev.chaosjunit.network.internal;

import eu.rekawek.toxiproxy.Proxy;

/**
 * A proxy a fault was bound to when it was resolved: its name and the scope (a test class's or a programmatic
 * extension's proxies) that creates it on the server on first use.
 */
record BoundProxy(ProxyCatalog catalog, String name) {

    /** The toxiproxy-java handle, creating the proxy on the server if needed. */
    Proxy proxy() {
        return catalog.proxy(name);
    }
}
