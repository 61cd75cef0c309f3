package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ShutdownGuard;
import dev.chaosjunit.network.ToxiproxyBackend;
import dev.chaosjunit.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.util.OptionalLong;

/**
 * The embedded Toxiproxy-compatible server: one per JVM, started on first use, stopped when the JVM ends. If
 * {@code chaos.seed} is set when it starts, the server's own random choices (jitter, toxicity) use that seed.
 */
final class EmbeddedToxiproxy implements ToxiproxyBackend {

    private static EmbeddedToxiproxy shared;

    private final ToxiproxyServer server;
    private final ToxiproxyClient client;

    private EmbeddedToxiproxy(ToxiproxyServer server) {
        this.server = server;
        this.client = new ToxiproxyClient(server.host(), server.port());
    }

    static synchronized EmbeddedToxiproxy shared(OptionalLong seed) {
        if (shared == null) {
            ToxiproxyServer.Builder builder = ToxiproxyServer.builder();
            seed.ifPresent(builder::seed);
            ToxiproxyServer server = builder.build().startServer();
            shared = new EmbeddedToxiproxy(server);
            ShutdownGuard.register(ShutdownGuard.Stage.SERVERS, shared, server::close);
        }
        return shared;
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public String description() {
        return "embedded Toxiproxy " + server.url();
    }
}
