package dev.chaosjunit.network.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.fault.RunIds;
import dev.chaosjunit.network.ToxiproxyBackend;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Chooses the Toxiproxy backend and runs the janitor once per external server and JVM. */
public final class Backends {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");
    private static final Map<String, ToxiproxyBackend> EXTERNAL = new ConcurrentHashMap<>();
    private static final Map<ToxiproxyBackend, Boolean> CLEANED = new ConcurrentHashMap<>();

    private Backends() {
    }

    /** The explicit backend if given, else the external server at {@code chaos.toxiproxy.url}, else embedded. */
    public static ToxiproxyBackend select(ChaosConfig config, Optional<ToxiproxyBackend> explicit) {
        ToxiproxyBackend backend;
        if (explicit.isPresent()) {
            backend = explicit.get();
        } else if (config.toxiproxyUrl().isPresent()) {
            backend = EXTERNAL.computeIfAbsent(config.toxiproxyUrl().get(), ExternalToxiproxy::new);
        } else {
            return EmbeddedToxiproxy.shared(config.seed());
        }
        CLEANED.computeIfAbsent(backend, b -> {
            janitor(b, Instant.now());
            return Boolean.TRUE;
        });
        return backend;
    }

    /**
     * Removes what crashed earlier runs left behind: proxies and toxics named {@code chaos-junit.<runId>.<expires>.*}
     * whose expiry has passed. Everything else on the server is left alone.
     *
     * @return the names removed
     */
    public static List<String> janitor(ToxiproxyBackend backend, Instant now) {
        List<String> removed = new ArrayList<>();
        List<Proxy> proxies;
        try {
            proxies = backend.client().getProxies();
        } catch (IOException e) {
            throw new ExtensionConfigurationException("chaos-junit could not reach " + backend.description()
                    + " (" + ChaosConfig.TOXIPROXY_URL + "): " + e, e);
        }
        for (Proxy proxy : proxies) {
            try {
                if (expired(proxy.getName(), now)) {
                    proxy.delete();
                    removed.add(proxy.getName());
                    continue;
                }
                for (Toxic toxic : proxy.toxics().getAll()) {
                    if (expired(toxic.getName(), now)) {
                        toxic.remove();
                        removed.add(proxy.getName() + "/" + toxic.getName());
                    }
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "chaos-junit janitor: could not clean " + proxy.getName() + ": " + e);
            }
        }
        if (!removed.isEmpty()) {
            LOG.log(Level.WARNING, "chaos-junit janitor: removed " + removed.size() + " expired leftover(s) of "
                    + "earlier runs from " + backend.description() + ": " + removed);
        }
        return removed;
    }

    private static boolean expired(String name, Instant now) {
        return RunIds.expiryOf(name).map(e -> e.isBefore(now)).orElse(false);
    }
}
