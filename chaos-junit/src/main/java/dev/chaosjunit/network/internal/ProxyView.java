package dev.chaosjunit.network.internal;

import dev.chaosjunit.network.ProxyAddress;
import eu.rekawek.toxiproxy.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The proxies one test can use: those of its class and those of a programmatic extension. */
public final class ProxyView {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ProxyView.class);

    private final List<ProxyCatalog> catalogs;

    public ProxyView(List<ProxyCatalog> catalogs) {
        this.catalogs = List.copyOf(catalogs);
    }

    /** Stores the view for the test in {@code context}. */
    public void attach(ExtensionContext context) {
        context.getStore(NS).put(ProxyView.class, this);
    }

    /** The view of the test in {@code context}. */
    public static ProxyView of(ExtensionContext context) {
        ProxyView view = context.getStore(NS).get(ProxyView.class, ProxyView.class);
        if (view == null) {
            throw new IllegalStateException("no chaos proxies are set up for " + context.getDisplayName());
        }
        return view;
    }

    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        catalogs.forEach(c -> names.addAll(c.names()));
        return names;
    }

    public ProxyAddress address(String name) {
        return catalog(name).address(name);
    }

    public Proxy proxy(String name) {
        return catalog(name).proxy(name);
    }

    private ProxyCatalog catalog(String name) {
        for (ProxyCatalog c : catalogs) {
            if (c.contains(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no proxy named \"" + name + "\": declared proxies are "
                + new TreeSet<>(names()));
    }
}
