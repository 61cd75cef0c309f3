package dev.chaosjunit.network.internal;

import dev.chaosjunit.network.ToxiproxyBackend;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.URI;

/** A Toxiproxy server at {@code chaos.toxiproxy.url}. */
final class ExternalToxiproxy implements ToxiproxyBackend {

    private final String url;
    private final ToxiproxyClient client;

    ExternalToxiproxy(String url) {
        this.url = url;
        URI uri = URI.create(url);
        this.client = new ToxiproxyClient(uri.getHost(), uri.getPort());
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public String description() {
        return "external Toxiproxy " + url;
    }
}
