package dev.chaosjunit;

import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.internal.Declarations;
import dev.chaosjunit.internal.Experiment;
import dev.chaosjunit.internal.Journal;
import dev.chaosjunit.internal.ExperimentReports;
import dev.chaosjunit.internal.Verbosity;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.ToxiproxyBackend;
import dev.chaosjunit.network.internal.ProxyView;
import dev.chaosjunit.network.internal.TestProxies;
import dev.chaosjunit.fault.AnnotationValues;
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
    private static final String RUN = "run";
    private static final String OWNER = "owner";
    private static final String DONE = "journal-written";

    private final Map<String, String> proxies;
    private final ToxiproxyBackend backend;
    private final Map<String, String> overrides;
    private final List<Supplier<SteadyStateCheck>> checks;
    private final Function<String, String> env = AnnotationValues.environment();
    private final TestProxies testProxies;
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
        this.testProxies = new TestProxies(proxies, backend, env);
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
        return testProxies.own(name, this::systemConfig);
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
        return TestProxies.ofClass(testClass, name);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        registeredOnClass = true;
        // a static instance may serve further classes (a shared base class, a cached Spring context): its own
        // proxies stay until the run ends
        testProxies.keepUntilEndOfRun(context);
        try {
            testProxies.createAll(context, config(context));
        } catch (ExtensionConfigurationException e) {
            // a bad declaration fails each test with its message, in beforeEach
        }
    }

    /** Nothing to do: the class's proxies go with its store, this instance's own ones when the run ends. */
    @Override
    public void afterAll(ExtensionContext context) {
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
        ProxyView view = testProxies.attach(context, config);

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
        ChaosExtension owner = store.get(OWNER, ChaosExtension.class);
        if (owner != null && owner != this) {
            return;   // the instance that set the test up writes its journal
        }
        Experiment experiment = store.get(EXPERIMENT, Experiment.class);
        if (experiment == null) {
            // beforeEach failed (a bad declaration): nothing started, but proxies made for this test must not linger
            if (!registeredOnClass) {
                testProxies.closeOwn();
            }
            return;
        }
        if (store.get(DONE) != null) {
            return;
        }
        store.put(DONE, Boolean.TRUE);
        try {
            experiment.revertAll();
        } finally {
            if (!registeredOnClass) {
                testProxies.closeOwn();
            }
            ExperimentReports.write(context, experiment, testProxies.backendDescription(context));
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

    private ChaosConfig config(ExtensionContext context) {
        ChaosConfig config = ChaosConfig.read(overrides, context::getConfigurationParameter);
        Verbosity.apply(config.verbose());
        return config;
    }

    private ChaosConfig systemConfig() {
        return ChaosConfig.read(overrides, key -> Optional.ofNullable(System.getProperty(key)));
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
