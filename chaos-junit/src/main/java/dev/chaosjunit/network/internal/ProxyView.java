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

    /** The view of the test in {@code context}, or an empty view if its proxies were not set up. */
    public static ProxyView of(ExtensionContext context) {
        ProxyView view = context.getStore(NS).get(ProxyView.class, ProxyView.class);
        return view == null ? new ProxyView(List.of()) : view;
    }

    /** The proxy called {@code name}, bound to the scope that declares it; empty if none does. */
    public java.util.Optional<BoundProxy> bind(String name) {
        return catalogs.stream().filter(c -> c.contains(name)).findFirst().map(c -> new BoundProxy(c, name));
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
