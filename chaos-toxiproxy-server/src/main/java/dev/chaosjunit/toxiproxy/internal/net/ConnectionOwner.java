package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.metrics.Traffic;
import dev.chaosjunit.toxiproxy.internal.toxic.StreamDirection;
import dev.chaosjunit.toxiproxy.internal.toxic.ToxicSpec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/** The proxy a connection belongs to, as the data path sees it. */
public interface ConnectionOwner {
    /**
     * Where to connect a new client connection, if known without a lookup (an address literal, or a name resolved
     * a moment ago); null when a lookup is needed ({@link #resolveUpstream}).
     */
    InetSocketAddress upstreamAddress();

    /** Looks the upstream up off the event loop; {@code done} runs on some other thread, with null on failure. */
    void resolveUpstream(Consumer<InetSocketAddress> done);

    /** The proxy's toxics now, in the order they were added (both directions). */
    List<ToxicSpec> toxics();

    /** The byte counters of a direction of new connections, or null when proxy metrics are off. */
    Traffic traffic(StreamDirection direction);

    /** False once the proxy was disabled or deleted: a connection accepted just before is closed at once. */
    boolean accepting();

    void opened(Connection connection);

    void closed(Connection connection);
}
