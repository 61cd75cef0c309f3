package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.toxic.ToxicSpec;
import java.net.InetSocketAddress;
import java.util.List;

/** The proxy a connection belongs to, as the data path sees it. */
public interface ConnectionOwner {
    /** Where to connect for a new client connection (resolved now, so a changed upstream applies to new ones). */
    InetSocketAddress upstreamAddress();

    /** The proxy's toxics now, in the order they were added (both directions). */
    List<ToxicSpec> toxics();

    /** False once the proxy was disabled or deleted: a connection accepted just before is closed at once. */
    boolean accepting();

    void opened(Connection connection);

    void closed(Connection connection);
}
