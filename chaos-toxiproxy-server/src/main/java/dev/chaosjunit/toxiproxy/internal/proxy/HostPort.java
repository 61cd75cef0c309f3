package dev.chaosjunit.toxiproxy.internal.proxy;

import dev.chaosjunit.toxiproxy.internal.ApiException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Parses and formats the {@code host:port} strings of Toxiproxy's {@code listen} and {@code upstream} fields. */
final class HostPort {
    final String host;
    final int port;

    private HostPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * @param what    e.g. "proxy 'redis': listen", for the error message
     * @param minPort 0 for listen addresses (0 = pick a free port), 1 for upstreams
     */
    static HostPort parse(String value, String what, int minPort) {
        String valid = "host:port with a port from " + minPort + " to 65535 (e.g. 127.0.0.1:" + (minPort == 0 ? "0" : "8080")
                + ")";
        int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon < 0) {
            throw ApiException.badRequest("bad request body: " + what + " '" + value + "' must be " + valid);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad request body: " + what + " '" + value + "' must be " + valid);
        }
        if (port < minPort || port > 65535) {
            throw ApiException.badRequest("bad request body: " + what + " '" + value + "' must be " + valid);
        }
        return new HostPort(host, port);
    }

    /** The address to bind: an empty host means every interface, as in Go. */
    InetSocketAddress bindAddress(String what) {
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw ApiException.badRequest("bad request body: " + what + ": cannot resolve host '" + host + "'");
        }
        return address;
    }

    /** The host to connect to (an empty host means this machine, as in Go). */
    String connectHost() {
        return host.isEmpty() ? "127.0.0.1" : host;
    }

    /** The address without a lookup when the host is an address literal, else null (it needs a lookup). */
    InetSocketAddress literalAddress() {
        String h = connectHost();
        if (!isAddressLiteral(h)) {
            return null;
        }
        return new InetSocketAddress(h, port); // a literal: parsed, never looked up
    }

    static boolean isAddressLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return host + ":" + address.getPort();
    }
}
