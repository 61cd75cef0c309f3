package dev.chaosjunit;

import java.io.IOException;
import dev.chaosjunit.report.HtmlReport;
import com.google.gson.JsonObject;
import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.internal.Declarations;
import dev.chaosjunit.internal.DefaultChaosRun;
import dev.chaosjunit.internal.Experiment;
import dev.chaosjunit.internal.Journal;
import dev.chaosjunit.internal.Verbosity;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.ToxiproxyBackend;
import dev.chaosjunit.network.internal.Backends;
import dev.chaosjunit.network.internal.ProxyCatalog;
import dev.chaosjunit.network.internal.ProxyDeclarations;
import dev.chaosjunit.network.internal.ProxyView;
import dev.chaosjunit.check.SteadyStateCheck;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The chaos-junit extension. Use it through {@link ChaosTest}, {@code @ExtendWith(ChaosExtension.class)}, or
 * programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static ChaosExtension chaos = ChaosExtension.builder()
 *         .proxy("payments", "localhost:8081")
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * <p>For each test: every fault and check annotation is resolved and validated (nothing starts if one is wrong);
 * then BEFORE (baseline), DURING (faults on schedule while the body runs), revert, AFTER (recovery) and verdicts;
 * a journal is written and summarised with {@code publishReportEntry}. Faults are reverted on every outcome: in the
 * interceptor, again in {@code afterEach}, by the store when it closes, and by a JVM shutdown hook.
 *
 * <p>All per-test state lives in the {@link ExtensionContext.Store}; an instance only holds its builder settings and
 * the proxies it declared.
 */
public class ChaosExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        InvocationInterceptor, ParameterResolver {

    private static final System.Logger LOG = System.getLogger("dev.chaosjunit");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChaosExtension.class);
    private static final String EXPERIMENT = "experiment";
    private static final String CLASS_PROXIES = "class-proxies";
    private static final String RUN = "run";
    private static final String OWNER = "owner";
    /** Journal directories whose report index was announced once (INFO) in this JVM. */
    private static final java.util.Set<Path> INDEXES_ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Class-declared proxies of the classes running now, for {@link #proxy(Class, String)}. */
    private static final Map<Class<?>, ProxyCatalog> ACTIVE_CLASS_PROXIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, String> proxies;
    private final ToxiproxyBackend backend;
    private final Map<String, String> overrides;
    private final List<Supplier<SteadyStateCheck>> checks;
    private final Function<String, String> env;
    private ProxyCatalog ownProxies;
    private boolean registeredOnClass;

    /** The declarative form ({@code @ExtendWith}, {@link ChaosTest}): everything from annotations and configuration. */
    public ChaosExtension() {
        this(new Builder());
    }

    private ChaosExtension(Builder b) {
        this.proxies = Map.copyOf(b.proxies);
        this.backend = b.backend;
        this.overrides = Map.copyOf(b.overrides);
        this.checks = List.copyOf(b.checks);
        // ${NAME} placeholders: an environment variable, else a system property (so tests can set them at run time)
        this.env = name -> {
            String value = System.getenv(name);
            return value != null ? value : System.getProperty(name);
        };
    }

    /** Whether this instance has no settings of its own (the declarative form). */
    private boolean isDefault() {
        return proxies.isEmpty() && backend == null && overrides.isEmpty() && checks.isEmpty();
    }

    /** Starts a programmatic configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address of a proxy declared on this extension's builder, creating it on first use. Usable before any test
     * runs, for example in Spring's {@code @DynamicPropertySource}; configuration then comes from the builder and JVM
     * system properties.
     */
    public ProxyAddress proxy(String name) {
        return ownCatalog(this::systemConfig).address(name);
    }

    /**
     * The address of a proxy declared with {@code @ChaosProxy} on {@code testClass}, while that class runs. Meant for
     * code that runs before test methods and cannot take a {@link ChaosRun}, such as Spring's
     * {@code @DynamicPropertySource}: register the extension on the class ({@code @ExtendWith(ChaosExtension.class)}
     * listed before {@code @SpringBootTest}) so the proxies are created in {@code beforeAll}.
     *
     * @throws IllegalStateException if the class's proxies are not set up (yet)
     * @throws IllegalArgumentException if the class declares no such proxy
     */
    public static ProxyAddress proxy(Class<?> testClass, String name) {
        ProxyCatalog catalog = ACTIVE_CLASS_PROXIES.get(testClass);
        if (catalog == null) {
            throw new IllegalStateException("the @ChaosProxy proxies of " + testClass.getName() + " are not set up: "
                    + "register ChaosExtension on the class (@ExtendWith(ChaosExtension.class), before "
                    + "@SpringBootTest) so that they are created in beforeAll");
        }
        return catalog.address(name);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        registeredOnClass = true;
        ChaosConfig config;
        ProxyCatalog classProxies;
        ProxyCatalog own;
        try {
            config = config(context);
            classProxies = classCatalog(context, config);
            own = ownCatalog(() -> config);
            checkNoClash(context.getRequiredTestClass(), classProxies, own);
        } catch (ExtensionConfigurationException e) {
            return;   // a bad declaration fails each test with its message, in beforeEach
        }
        for (String name : classProxies.names()) {
            classProxies.address(name);
        }
        for (String name : own.names()) {
            own.address(name);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwnCatalog();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        ChaosExtension owner = store.get(OWNER, ChaosExtension.class);
        if (owner != null) {
            // another instance already set this test up (the annotations register the extension too); a configured
            // instance (builder) replaces a default one, which has nothing of its own: nothing has started yet
            if (owner.isDefault() == isDefault() || isDefault()) {
                return;
            }
            Experiment replaced = store.remove(EXPERIMENT, Experiment.class);
            if (replaced != null) {
                replaced.close();
            }
        }
        store.put(OWNER, this);
        ChaosConfig config = config(context);
        ProxyCatalog classProxies = classCatalog(classContext(context), config);
        ProxyCatalog own = ownCatalog(() -> config);
        checkNoClash(context.getRequiredTestClass(), classProxies, own);
        ProxyView view = new ProxyView(List.of(classProxies, own));
        view.attach(context);

        Declarations declarations = Declarations.resolve(context, config, checks, env);
        long seed = config.seed().orElseGet(() -> new SecureRandom().nextLong());
        Path journal = Journal.pathFor(config, context);
        Experiment experiment = new Experiment(context, config, seed, declarations, journal);
        store.put(EXPERIMENT, experiment);
        store.put(RUN, new DefaultChaosRun(experiment, view));
        String mode = !config.enabled() ? " (chaos.enabled=false: no faults)" : config.dryRun() ? " (dry run)" : "";
        LOG.log(Level.DEBUG, "chaos-junit: " + describe(context) + ": seed " + seed + " (rerun with -D"
                + ChaosConfig.SEED + "=" + seed + "), " + declarations.faults().size() + " fault(s), "
                + declarations.checks().size() + " check(s)" + mode);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        runExperiment(invocation, context);
    }

    /** Parameterized and repeated tests: every invocation is its own experiment. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runExperiment(invocation, context);
    }

    private static void runExperiment(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Experiment experiment = context.getStore(NS).get(EXPERIMENT, Experiment.class);
        if (experiment == null || !experiment.claim()) {
            invocation.proceed();
            return;
        }
        experiment.run(invocation);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        Experiment experiment = store.get(EXPERIMENT, Experiment.class);
        if (experiment == null) {
            // beforeEach failed (a bad declaration): nothing started, but proxies made for this test must not linger
            if (!registeredOnClass) {
                closeOwnCatalog();
            }
            return;
        }
        if (store.get("journal-written") != null) {
            return;
        }
        store.put("journal-written", Boolean.TRUE);
        try {
            experiment.revertAll();
        } finally {
            if (!registeredOnClass) {
                closeOwnCatalog();
            }
            String backendDescription = describeBackend(context);
            JsonObject doc = Journal.document(context, experiment, context.getExecutionException(),
                    backendDescription);
            Journal.write(experiment.journal(), doc);
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("chaos.seed", Long.toString(experiment.seed()));
            entry.put("chaos.status", experiment.status());
            entry.put("chaos.journal", experiment.journal().toString());
            entry.put("chaos.summary", experiment.declarations().faults().size() + " fault(s), "
                    + experiment.timeline().size() + " timeline event(s), " + experiment.verdicts().size()
                    + " verdict(s)");
            String report = writeReport(experiment.journal(), doc, experiment.config().journalDir());
            if (report != null) {
                entry.put("chaos.report", report);
            }
            context.publishReportEntry(entry);
            if (report != null && INDEXES_ANNOUNCED.add(experiment.config().journalDir().toAbsolutePath())) {
                LOG.log(Level.INFO, "chaos-junit: report index " + experiment.config().journalDir().toAbsolutePath()
                        .resolve("index.html"));
            }
            LOG.log(Level.DEBUG, "chaos-junit: " + describe(context) + ": journal " + experiment.journal()
                    .toAbsolutePath() + (report == null ? "" : ", report " + report));
        }
    }

    /** Writes the test's HTML page and lists it in the journal directory's index; never fails the test. */
    private static String writeReport(Path journal, JsonObject doc, Path journalDir) {
        try {
            return HtmlReport.write(journal, doc, journalDir).toAbsolutePath().toString();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "chaos-junit: could not write the HTML report for " + journal + ": " + e);
            return null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != ChaosRun.class) {
            return false;
        }
        // registered several times (annotations, @ExtendWith, @RegisterExtension): only the instance that set the
        // test up answers, so JUnit sees one resolver
        ChaosExtension owner = extensionContext.getStore(NS).get(OWNER, ChaosExtension.class);
        return owner == null || owner == this;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ChaosRun run = extensionContext.getStore(NS).get(RUN, ChaosRun.class);
        if (run == null) {
            throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                    "ChaosRun is only available to test methods run by ChaosExtension (not to lifecycle methods)");
        }
        return run;
    }

    // ------------------------------------------------------------------ helpers

    private String describeBackend(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        ProxyCatalog c = classContext.getStore(NS).get(CLASS_PROXIES, ProxyCatalog.class);
        String described = c == null ? "none yet" : c.backendDescription();
        if (described.equals("none yet")) {
            synchronized (this) {
                if (ownProxies != null) {
                    described = ownProxies.backendDescription();
                }
            }
        }
        return described;
    }

    private ChaosConfig config(ExtensionContext context) {
        ChaosConfig config = ChaosConfig.read(overrides, context::getConfigurationParameter);
        Verbosity.apply(config.verbose());
        return config;
    }

    private ChaosConfig systemConfig() {
        return ChaosConfig.read(overrides, key -> Optional.ofNullable(System.getProperty(key)));
    }

    private ProxyCatalog classCatalog(ExtensionContext classContext, ChaosConfig config) {
        return classContext.getStore(NS).getOrComputeIfAbsent(CLASS_PROXIES, k -> {
            Class<?> testClass = classContext.getRequiredTestClass();
            Map<String, String> declared = ProxyDeclarations.ofClass(testClass, env);
            ProxyCatalog catalog = new ProxyCatalog(declared, () -> Backends.select(config,
                    Optional.ofNullable(backend)), config.expiry(), () -> ACTIVE_CLASS_PROXIES.remove(testClass));
            ACTIVE_CLASS_PROXIES.put(testClass, catalog);
            return catalog;
        }, ProxyCatalog.class);
    }

    private synchronized ProxyCatalog ownCatalog(Supplier<ChaosConfig> config) {
        if (ownProxies == null) {
            ChaosConfig c = config.get();
            Map<String, String> declared = new LinkedHashMap<>();
            proxies.forEach((name, upstream) -> ProxyDeclarations.add(declared,
                    "ChaosExtension.builder().proxy(\"" + name + "\", ...)", name, upstream, env));
            ownProxies = new ProxyCatalog(declared, () -> Backends.select(c, Optional.ofNullable(backend)),
                    c.expiry());
        }
        return ownProxies;
    }

    private synchronized void closeOwnCatalog() {
        if (ownProxies != null) {
            ownProxies.close();
            ownProxies = null;
        }
    }

    private static void checkNoClash(Class<?> testClass, ProxyCatalog a, ProxyCatalog b) {
        for (String name : a.names()) {
            if (b.contains(name)) {
                throw new org.junit.jupiter.api.extension.ExtensionConfigurationException("@ChaosProxy(name = \""
                        + name + "\") on " + testClass.getSimpleName() + ": name = \"" + name + "\" is also declared "
                        + "with ChaosExtension.builder().proxy(...): expected each proxy name once per test class");
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

    private static String describe(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + "()";
    }

    /** An immutable configuration for the programmatic form. */
    public static final class Builder {
        private final Map<String, String> proxies = new LinkedHashMap<>();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final List<Supplier<SteadyStateCheck>> checks = new ArrayList<>();
        private ToxiproxyBackend backend;

        private Builder() {
        }

        /** Declares a proxy to {@code upstream} ({@code host:port}, placeholders allowed). */
        public Builder proxy(String name, String upstream) {
            proxies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(upstream, "upstream"));
            return this;
        }

        /** Uses this Toxiproxy server instead of the embedded one or {@code chaos.toxiproxy.url}. */
        public Builder toxiproxy(ToxiproxyBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** Uses an external Toxiproxy server (same as {@code chaos.toxiproxy.url}). */
        public Builder toxiproxyUrl(String url) {
            overrides.put(ChaosConfig.TOXIPROXY_URL, url);
            return this;
        }

        /** Fixes the seed (same as {@code chaos.seed}). */
        public Builder seed(long seed) {
            overrides.put(ChaosConfig.SEED, Long.toString(seed));
            return this;
        }

        /** Same as {@code chaos.dryRun}. */
        public Builder dryRun(boolean dryRun) {
            overrides.put(ChaosConfig.DRY_RUN, Boolean.toString(dryRun));
            return this;
        }

        /** Same as {@code chaos.enabled}. */
        public Builder enabled(boolean enabled) {
            overrides.put(ChaosConfig.ENABLED, Boolean.toString(enabled));
            return this;
        }

        /** Same as {@code chaos.journal.dir}. */
        public Builder journalDir(Path dir) {
            overrides.put(ChaosConfig.JOURNAL_DIR, dir.toString());
            return this;
        }

        /** Adds a steady-state check to every test; the supplier is called once per test. */
        public Builder check(Supplier<? extends SteadyStateCheck> check) {
            Objects.requireNonNull(check, "check");
            checks.add(check::get);
            return this;
        }

        public ChaosExtension build() {
            return new ChaosExtension(this);
        }
    }
}
