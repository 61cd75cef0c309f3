package dev.chaosjunit.internal;

import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.config.ChaosConfig;
import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.fault.AnnotationValues;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds every fault and check annotation of a test (class first, then method; direct, inherited, repeated or as
 * meta-annotations, always through {@link AnnotationSupport#findRepeatableAnnotations}) and resolves them. Nothing
 * outside the JVM changes here.
 */
public final class Declarations {

    private final Optional<Duration> window;
    private final List<ResolvedFault> faults;
    private final List<SteadyStateCheck> checks;
    private final Set<String> sharedResources;

    private Declarations(Optional<Duration> window, List<ResolvedFault> faults, List<SteadyStateCheck> checks,
            Set<String> sharedResources) {
        this.window = window;
        this.faults = faults;
        this.checks = checks;
        this.sharedResources = sharedResources;
    }

    public Optional<Duration> window() {
        return window;
    }

    public List<ResolvedFault> faults() {
        return faults;
    }

    public List<SteadyStateCheck> checks() {
        return checks;
    }

    public Set<String> sharedResources() {
        return sharedResources;
    }

    /** Resolves and validates every declaration of the test in {@code context}. */
    public static Declarations resolve(ExtensionContext context, ChaosConfig config,
            List<Supplier<SteadyStateCheck>> programmaticChecks, Function<String, String> env) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        String classLocation = testClass.getSimpleName();
        String methodLocation = testClass.getSimpleName() + "." + method.getName() + "()";
        Optional<Duration> window = window(method, methodLocation, env);

        // Checks first: a check may ask for a chaos window (a steady state's duration), and fault schedules are
        // validated against the longest of that and @ChaosTest(window).
        List<SteadyStateCheck> checks = new ArrayList<>();
        for (Class<? extends Annotation> type : Handlers.checkTypes(testClass, method)) {
            resolveChecks(type, testClass, classLocation, window, config, context, env, checks);
            resolveChecks(type, method, methodLocation, window, config, context, env, checks);
        }
        for (Supplier<SteadyStateCheck> supplier : programmaticChecks) {
            SteadyStateCheck check;
            try {
                check = supplier.get();
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException("ChaosExtension.builder().check(...) on " + methodLocation
                        + ": the supplier threw " + e + ": expected it to return a fresh SteadyStateCheck", e);
            }
            if (check == null) {
                throw new ExtensionConfigurationException("ChaosExtension.builder().check(...) on " + methodLocation
                        + ": the supplier returned null: expected it to return a fresh SteadyStateCheck");
            }
            checks.add(check);
        }
        window = effectiveWindow(window, checks);

        List<ResolvedFault> faults = new ArrayList<>();
        Set<String> shared = new LinkedHashSet<>();
        for (Class<? extends Annotation> type : Handlers.faultTypes(testClass, method)) {
            resolveFaults(type, testClass, classLocation, window, config, context, env, faults, shared);
            resolveFaults(type, method, methodLocation, window, config, context, env, faults, shared);
        }
        checkExclusive(faults);

        return new Declarations(window, List.copyOf(faults), List.copyOf(checks), Set.copyOf(shared));
    }

    private static Optional<Duration> effectiveWindow(Optional<Duration> declared, List<SteadyStateCheck> checks) {
        Optional<Duration> fromChecks = checks.stream().map(SteadyStateCheck::chaosWindow)
                .filter(d -> d != null && !d.isZero()).max(Duration::compareTo);
        if (fromChecks.isEmpty()) {
            return declared;
        }
        if (declared.isEmpty() || fromChecks.get().compareTo(declared.get()) > 0) {
            return fromChecks;
        }
        return declared;
    }

    /** The shared-resource keys of a test, without validation (for {@code ResourceLocksProvider}). */
    public static Set<String> sharedResources(Class<?> testClass, Method method) {
        Set<String> keys = new LinkedHashSet<>();
        for (Class<? extends Annotation> type : Handlers.faultTypes(testClass, method)) {
            keys.addAll(shared(type, testClass));
            keys.addAll(shared(type, method));
        }
        return keys;
    }

    private static <A extends Annotation> Set<String> shared(Class<A> type, AnnotatedElement element) {
        Set<String> keys = new LinkedHashSet<>();
        for (A a : Handlers.find(element, type)) {
            try {
                keys.addAll(Handlers.faultHandler(type).sharedResources(a));
            } catch (RuntimeException ignored) {
                // a bad annotation is reported by resolve(), with a proper message
            }
        }
        return keys;
    }

    private static Optional<Duration> window(Method method, String location, Function<String, String> env) {
        Optional<ChaosTest> chaosTest = AnnotationSupport.findAnnotation(method, ChaosTest.class);
        if (chaosTest.isEmpty() || chaosTest.get().window().isEmpty()) {
            return Optional.empty();
        }
        String value = chaosTest.get().window();
        return AnnotationValues.of("@ChaosTest on " + location, env)
                .optionalPositiveDuration("window", value, "no window");
    }

    private static <A extends Annotation> void resolveFaults(Class<A> type, AnnotatedElement element,
            String location, Optional<Duration> window, ChaosConfig config, ExtensionContext context,
            Function<String, String> env, List<ResolvedFault> out, Set<String> shared) {
        for (A a : Handlers.find(element, type)) {
            FaultHandler<A> provider = Handlers.faultHandler(type);
            String shown = show(a, provider.describe(a));
            DefaultResolveContext ctx = new DefaultResolveContext(shown, location, window, config, context, env);
            FaultSpec spec;
            try {
                spec = provider.resolve(a, ctx);
            } catch (ExtensionConfigurationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ctx.values().fail("could not be resolved: " + e.getMessage());
            }
            if (spec == null) {
                throw ctx.values().fail("the handler " + provider.getClass().getName() + " returned no spec");
            }
            Set<String> keys = provider.sharedResources(a);
            shared.addAll(keys);
            out.add(new ResolvedFault(out.size(), shown, location, spec, Set.copyOf(keys)));
        }
    }

    private static <A extends Annotation> void resolveChecks(Class<A> type, AnnotatedElement element,
            String location, Optional<Duration> window, ChaosConfig config, ExtensionContext context,
            Function<String, String> env, List<SteadyStateCheck> out) {
        for (A a : Handlers.find(element, type)) {
            CheckHandler<A> provider = Handlers.checkHandler(type);
            DefaultResolveContext ctx = new DefaultResolveContext(show(a, provider.describe(a)), location, window,
                    config, context, env);
            SteadyStateCheck check;
            try {
                check = provider.resolve(a, ctx);
            } catch (ExtensionConfigurationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                // value types say "attribute = value is ...: expected ..." themselves
                throw ctx.values().fail(e.getMessage());
            } catch (RuntimeException e) {
                throw ctx.values().fail("could not be resolved: " + e.getMessage());
            }
            out.add(check);
        }
    }

    private static String show(Annotation a, String describe) {
        String name = "@" + a.annotationType().getSimpleName();
        return describe == null || describe.isEmpty() ? name : name + "(" + describe + ")";
    }

    private static void checkExclusive(List<ResolvedFault> faults) {
        for (int i = 0; i < faults.size(); i++) {
            for (int j = i + 1; j < faults.size(); j++) {
                ResolvedFault a = faults.get(i);
                ResolvedFault b = faults.get(j);
                for (String key : a.spec().exclusiveKeys()) {
                    if (b.spec().exclusiveKeys().contains(key) && a.spec().schedule().overlaps(b.spec().schedule())) {
                        throw new ExtensionConfigurationException(b.annotation() + " on " + b.location()
                                + " conflicts with " + a.annotation() + " on " + a.location() + ": both use the "
                                + key + " at overlapping times (" + b.spec().schedule() + " / "
                                + a.spec().schedule() + "): expected one at a time, with schedules that do not "
                                + "overlap");
                    }
                }
            }
        }
    }
}
