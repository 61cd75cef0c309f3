package dev.chaosjunit.steadystate.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.steadystate.ChaosLoad;
import dev.chaosjunit.steadystate.InvalidSpecException;
import dev.chaosjunit.steadystate.SteadyState;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.steadystate.SteadyStateSpec;
import dev.chaosjunit.steadystate.SteadyStateSpecBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Resolves {@link SteadyState} into the check of a {@link SteadyStateSpec}. */
public final class SteadyStateProvider implements CheckHandler<SteadyState> {


    @Override
    public String describe(SteadyState a) {
        if (!"load".equals(a.name())) {
            return "name = \"" + a.name() + "\"";
        }
        if (!a.load().isEmpty()) {
            return "load = \"" + a.load() + "\"";
        }
        return a.target().isEmpty() ? "" : "target = \"" + a.target() + "\"";
    }

    @Override
    public SteadyStateCheck resolve(SteadyState a, ResolveContext ctx) {
        try {
            // unnamed, it takes the name of its @ChaosLoad method: verdicts then read steady state "checkout"
            String name = "load".equals(a.name()) && !a.load().isEmpty() ? a.load() : a.name();
            SteadyStateSpecBuilder b = SteadyStateSpec.builder(name);
            if (!a.load().isEmpty() && !a.target().isEmpty()) {
                throw ctx.invalid("target", a.target(), "conflicts with load = \"" + a.load()
                        + "\": give either a @ChaosLoad method (load) or a URL (target)");
            }
            if (!a.load().isEmpty()) {
                b = b.load(loadMethod(a.load(), ctx), "@ChaosLoad(\"" + a.load() + "\")");
            } else if (!a.target().isEmpty()) {
                b = b.target(ctx.string("target", a.target()));
            }
            if (a.rate() != 0) {
                b = b.rate(a.rate());
            }
            if (a.users() != 0) {
                b = b.users(a.users());
            }
            b = b.thinkTime(ctx.string("thinkTime", a.thinkTime()))
                    .connections(a.connections())
                    .warmup(ctx.string("warmup", a.warmup()))
                    .baseline(ctx.string("baseline", a.baseline()))
                    .duration(ctx.string("duration", a.duration()))
                    .recovery(ctx.string("recovery", a.recovery()))
                    .maxErrorRate(a.maxErrorRate())
                    .minThroughput(a.minThroughput())
                    .p50(ctx.string("p50", a.p50()))
                    .p90(ctx.string("p90", a.p90()))
                    .p99(ctx.string("p99", a.p99()))
                    .p999(ctx.string("p999", a.p999()))
                    .maxDropped(a.maxDropped())
                    .maxErrorRateIncrease(a.maxErrorRateIncrease())
                    .maxP99Factor(a.maxP99Factor())
                    .haltErrorRate(a.haltErrorRate())
                    .haltP99(ctx.string("haltP99", a.haltP99()))
                    .haltWindow(ctx.string("haltWindow", a.haltWindow()))
                    .recoverWithin(ctx.string("recoverWithin", a.recoverWithin()))
                    .unsteadyBaseline(a.unsteadyBaseline());
            return b.build().toCheck();
        } catch (InvalidSpecException e) {
            throw ctx.invalid(e.attribute(), e.value(), e.problem());
        }
    }

    /** The {@link ChaosLoad} method called {@code name}, as a supplier to call when the experiment starts. */
    private static Supplier<LoadDriver> loadMethod(String name, ResolveContext ctx) {
        Class<?> testClass = ctx.extensionContext().getRequiredTestClass();
        List<Method> all = AnnotationSupport.findAnnotatedMethods(testClass, ChaosLoad.class,
                HierarchyTraversalMode.BOTTOM_UP);
        List<Method> named = all.stream().filter(m -> name.equals(loadName(m))).collect(Collectors.toList());
        if (named.isEmpty()) {
            String known = all.isEmpty() ? "the class has no @ChaosLoad method"
                    : "known: " + all.stream().map(m -> "\"" + loadName(m) + "\"").collect(Collectors.joining(", "));
            throw ctx.invalid("load", name, "names no @ChaosLoad method of " + testClass.getSimpleName()
                    + " (" + known + "): add a method annotated @ChaosLoad(\"" + name + "\") returning a LoadDriver");
        }
        Method method = named.get(0);
        if (method.getParameterCount() != 0 || !LoadDriver.class.isAssignableFrom(method.getReturnType())) {
            throw ctx.invalid("load", name, "names " + testClass.getSimpleName() + "." + method.getName()
                    + "(), which must take no parameters and return a LoadDriver");
        }
        Optional<Object> instance = ctx.extensionContext().getTestInstance();
        if (!Modifier.isStatic(method.getModifiers()) && instance.isEmpty()) {
            throw ctx.invalid("load", name, "names the instance method " + method.getName()
                    + "() but there is no test instance here: make it static");
        }
        Object target = Modifier.isStatic(method.getModifiers()) ? null : instance.get();
        return () -> (LoadDriver) ReflectionSupport.invokeMethod(method, target);
    }

    private static String loadName(Method m) {
        String value = m.getAnnotation(ChaosLoad.class).value();
        return value.isEmpty() ? m.getName() : value;
    }
}
