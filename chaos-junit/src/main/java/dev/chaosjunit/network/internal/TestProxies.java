package dev.chaosjunit.network.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.ToxiproxyBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The proxy catalogues one extension instance serves: the {@code @ChaosProxy} proxies of each test class (kept in
 * the class's store, shared by every instance; a {@code @Nested} class also sees those of its enclosing classes) and
 * the proxies declared on this instance's builder. Each test gets a {@link ProxyView} of all of them in its store,
 * where the network fault handlers bind their proxy at resolve time.
 *
 * <p>Lifetimes: a class's proxies are deleted when the class ends. The builder's proxies live as long as the
 * instance may be used: an instance in a {@code static} field can serve several test classes (a shared base class,
 * and a Spring context cached for all of them that keeps the proxy's port), so they are deleted when the test run
 * ends ({@link #keepUntilEndOfRun}) or, at the latest, by the JVM shutdown hook.
 */
public final class TestProxies {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestProxies.class);
    /** Class-declared proxies of the classes running now, for {@link #ofClass(Class, String)}. */
    private static final Map<Class<?>, ProxyCatalog> ACTIVE_CLASS_PROXIES = new ConcurrentHashMap<>();

    private final Map<String, String> declared;
    private final ToxiproxyBackend backend;
    private final Function<String, String> env;
    private ProxyCatalog own;

    /**
     * @param declared the builder's proxies: name to upstream, not validated yet
     * @param backend the builder's server, or {@code null} for the configured one
     * @param env looks up {@code ${NAME}} placeholders
     */
    public TestProxies(Map<String, String> declared, ToxiproxyBackend backend, Function<String, String> env) {
        this.declared = Map.copyOf(declared);
        this.backend = backend;
        this.env = env;
    }

    /**
     * The address of a proxy declared with {@code @ChaosProxy} on {@code testClass} or, for a {@code @Nested} class,
     * on one of its enclosing classes, while that class runs.
     */
    public static ProxyAddress ofClass(Class<?> testClass, String name) {
        ProxyCatalog catalog = ACTIVE_CLASS_PROXIES.get(testClass);
        if (catalog == null) {
            throw new IllegalStateException("the @ChaosProxy proxies of " + testClass.getName() + " are not set up: "
                    + "register ChaosExtension on the class (@ExtendWith(ChaosExtension.class), before "
                    + "@SpringBootTest) so that they are created in beforeAll");
        }
        List<String> declared = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            ProxyCatalog active = ACTIVE_CLASS_PROXIES.get(c);
            if (active == null) {
                continue;
            }
            if (active.contains(name)) {
                return active.address(name);
            }
            declared.addAll(active.names());
        }
        throw new IllegalArgumentException("no proxy named \"" + name + "\": declared proxies are " + declared);
    }

    /** The address of a proxy of this instance's builder, created on first use. */
    public ProxyAddress own(String name, Supplier<ChaosConfig> config) {
        return ownCatalog(config).address(name);
    }

    /** Creates every proxy of the class (and its enclosing classes) and of this instance now ({@code beforeAll}). */
    public void createAll(ExtensionContext classContext, ChaosConfig config) {
        List<ProxyCatalog> catalogs = catalogs(classContext, config);
        for (ProxyCatalog catalog : catalogs) {
            for (String name : catalog.names()) {
                catalog.address(name);
            }
        }
    }

    /**
     * Deletes this instance's proxies when the test run of {@code context} ends rather than when its class ends, so
     * that every class the instance serves (and anything configured with their ports) uses the same proxies.
     */
    public void keepUntilEndOfRun(ExtensionContext context) {
        context.getRoot().getStore(NS).getOrComputeIfAbsent(this, k -> new RunScope(this),
                RunScope.class);
    }

    /** The proxies of the test in {@code context}, attached to its store for the fault handlers. */
    public ProxyView attach(ExtensionContext context, ChaosConfig config) {
        ProxyView view = new ProxyView(catalogs(classContext(context), config));
        view.attach(context);
        return view;
    }

    /** Which server the proxies of the test in {@code context} live on, for the journal. */
    public String backendDescription(ExtensionContext context) {
        for (ExtensionContext c : classContexts(classContext(context))) {
            ProxyCatalog catalog = c.getStore(NS).get(key(c), ProxyCatalog.class);
            if (catalog != null && !catalog.backendDescription().equals("none yet")) {
                return catalog.backendDescription();
            }
        }
        synchronized (this) {
            return own == null ? "none yet" : own.backendDescription();
        }
    }

    /** Deletes this instance's proxies. */
    public synchronized void closeOwn() {
        if (own != null) {
            own.close();
            own = null;
        }
    }

    /**
     * The catalogues a test of {@code classContext} sees: those of its enclosing classes (outermost first), its
     * class's, and this instance's; each name at most once.
     */
    private List<ProxyCatalog> catalogs(ExtensionContext classContext, ChaosConfig config) {
        List<ExtensionContext> classes = classContexts(classContext);
        Collections.reverse(classes);
        List<ProxyCatalog> catalogs = new ArrayList<>();
        List<Class<?>> owners = new ArrayList<>();
        for (ExtensionContext c : classes) {
            ProxyCatalog catalog = classCatalog(c, config);
            for (int i = 0; i < catalogs.size(); i++) {
                checkNoClash(c.getRequiredTestClass(), catalog, catalogs.get(i), "on its enclosing class "
                        + owners.get(i).getSimpleName());
            }
            catalogs.add(catalog);
            owners.add(c.getRequiredTestClass());
        }
        ProxyCatalog mine = ownCatalog(() -> config);
        for (ProxyCatalog catalog : catalogs) {
            checkNoClash(classContext.getRequiredTestClass(), catalog, mine,
                    "with ChaosExtension.builder().proxy(...)");
        }
        catalogs.add(mine);
        return catalogs;
    }

    /** {@code classContext} and the class contexts enclosing it ({@code @Nested}), innermost first. */
    private static List<ExtensionContext> classContexts(ExtensionContext classContext) {
        List<ExtensionContext> out = new ArrayList<>();
        for (ExtensionContext c = classContext; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    /** The store key of a class's catalogue: per class, since a lookup also finds the enclosing class's entries. */
    private static String key(ExtensionContext classContext) {
        return ProxyCatalog.class.getName() + ":" + classContext.getRequiredTestClass().getName();
    }

    private ProxyCatalog classCatalog(ExtensionContext classContext, ChaosConfig config) {
        return classContext.getStore(NS).getOrComputeIfAbsent(key(classContext), k -> {
            Class<?> testClass = classContext.getRequiredTestClass();
            Map<String, String> ofClass = ProxyDeclarations.ofClass(testClass, env);
            ProxyCatalog catalog = new ProxyCatalog(ofClass, () -> Backends.select(config,
                    Optional.ofNullable(backend)), config.expiry(), () -> ACTIVE_CLASS_PROXIES.remove(testClass));
            ACTIVE_CLASS_PROXIES.put(testClass, catalog);
            return catalog;
        }, ProxyCatalog.class);
    }

    private synchronized ProxyCatalog ownCatalog(Supplier<ChaosConfig> config) {
        if (own == null) {
            ChaosConfig c = config.get();
            Map<String, String> validated = new LinkedHashMap<>();
            declared.forEach((name, upstream) -> ProxyDeclarations.add(validated,
                    "ChaosExtension.builder().proxy(\"" + name + "\", ...)", name, upstream, env));
            own = new ProxyCatalog(validated, () -> Backends.select(c, Optional.ofNullable(backend)), c.expiry());
        }
        return own;
    }

    private static void checkNoClash(Class<?> testClass, ProxyCatalog a, ProxyCatalog b, String other) {
        for (String name : a.names()) {
            if (b.contains(name)) {
                throw new ExtensionConfigurationException("@ChaosProxy(name = \"" + name + "\") on "
                        + testClass.getSimpleName() + ": name = \"" + name + "\" is also declared " + other
                        + ": expected each proxy name once per test class");
            }
        }
    }

    /** Closed with the root store, when the test run ends: deletes the instance's proxies. */
    private static final class RunScope implements AutoCloseable {
        private final TestProxies proxies;

        RunScope(TestProxies proxies) {
            this.proxies = proxies;
        }

        @Override
        public void close() {
            proxies.closeOwn();
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
