package dev.chaosjunit.network.internal;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.ToxiproxyBackend;
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
 * the class's store, shared by every instance) and the proxies declared on this instance's builder. Each test gets a
 * {@link ProxyView} of both in its store, where the network fault handlers bind their proxy at resolve time.
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

    /** The address of a proxy declared with {@code @ChaosProxy} on {@code testClass}, while that class runs. */
    public static ProxyAddress ofClass(Class<?> testClass, String name) {
        ProxyCatalog catalog = ACTIVE_CLASS_PROXIES.get(testClass);
        if (catalog == null) {
            throw new IllegalStateException("the @ChaosProxy proxies of " + testClass.getName() + " are not set up: "
                    + "register ChaosExtension on the class (@ExtendWith(ChaosExtension.class), before "
                    + "@SpringBootTest) so that they are created in beforeAll");
        }
        return catalog.address(name);
    }

    /** The address of a proxy of this instance's builder, created on first use. */
    public ProxyAddress own(String name, Supplier<ChaosConfig> config) {
        return ownCatalog(config).address(name);
    }

    /** Creates every proxy of the class and of this instance now ({@code beforeAll}). */
    public void createAll(ExtensionContext classContext, ChaosConfig config) {
        ProxyCatalog classProxies = classCatalog(classContext, config);
        ProxyCatalog mine = ownCatalog(() -> config);
        checkNoClash(classContext.getRequiredTestClass(), classProxies, mine);
        for (String name : classProxies.names()) {
            classProxies.address(name);
        }
        for (String name : mine.names()) {
            mine.address(name);
        }
    }

    /** The proxies of the test in {@code context}, attached to its store for the fault handlers. */
    public ProxyView attach(ExtensionContext context, ChaosConfig config) {
        ProxyCatalog classProxies = classCatalog(classContext(context), config);
        ProxyCatalog mine = ownCatalog(() -> config);
        checkNoClash(context.getRequiredTestClass(), classProxies, mine);
        ProxyView view = new ProxyView(List.of(classProxies, mine));
        view.attach(context);
        return view;
    }

    /** Which server the proxies of the test in {@code context} live on, for the journal. */
    public String backendDescription(ExtensionContext context) {
        ProxyCatalog c = classContext(context).getStore(NS).get(ProxyCatalog.class, ProxyCatalog.class);
        String described = c == null ? "none yet" : c.backendDescription();
        if (described.equals("none yet")) {
            synchronized (this) {
                if (own != null) {
                    described = own.backendDescription();
                }
            }
        }
        return described;
    }

    /** Deletes this instance's proxies. */
    public synchronized void closeOwn() {
        if (own != null) {
            own.close();
            own = null;
        }
    }

    private ProxyCatalog classCatalog(ExtensionContext classContext, ChaosConfig config) {
        return classContext.getStore(NS).getOrComputeIfAbsent(ProxyCatalog.class, k -> {
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

    private static void checkNoClash(Class<?> testClass, ProxyCatalog a, ProxyCatalog b) {
        for (String name : a.names()) {
            if (b.contains(name)) {
                throw new ExtensionConfigurationException("@ChaosProxy(name = \"" + name + "\") on "
                        + testClass.getSimpleName() + ": name = \"" + name + "\" is also declared with "
                        + "ChaosExtension.builder().proxy(...): expected each proxy name once per test class");
            }
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
