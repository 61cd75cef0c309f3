package dev.chaosjunit.network;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Where clients connect to reach a proxy. */
public final class ProxyAddress {

    private final String name;
    private final String host;
    private final int port;

    public ProxyAddress(String name, String host, int port) {
        this.name = Objects.requireNonNull(name, "name");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of proxy \"" + name + "\" is not in 1..65535");
        }
        this.port = port;
    }

    /** The proxy's name as declared. */
    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code <scheme>://host:port}, for example {@code url("http")}. */
    public String url(String scheme) {
        return scheme + "://" + address();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return name + "@" + address();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyAddress && ((ProxyAddress) o).name.equals(name)
                && ((ProxyAddress) o).host.equals(host) && ((ProxyAddress) o).port == port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, host, port);
    }
}
