package dev.chaosjunit.internal;

import dev.chaosjunit.fault.FaultProvider;
import dev.chaosjunit.steadystate.SteadyStateCheckProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The fault and check providers found with {@link ServiceLoader}, cached per class loader. */
public final class Providers {

    private static final Map<ClassLoader, Providers> CACHE = new WeakHashMap<>();

    private final List<FaultProvider<?>> faults;
    private final List<SteadyStateCheckProvider<?>> checks;

    private Providers(List<FaultProvider<?>> faults, List<SteadyStateCheckProvider<?>> checks) {
        this.faults = faults;
        this.checks = checks;
    }

    public static Providers get() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Providers.class.getClassLoader();
        }
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(loader, Providers::load);
        }
    }

    private static Providers load(ClassLoader loader) {
        List<FaultProvider<?>> faults = new ArrayList<>();
        List<SteadyStateCheckProvider<?>> checks = new ArrayList<>();
        try {
            for (FaultProvider<?> p : ServiceLoader.load(FaultProvider.class, loader)) {
                faults.add(p);
            }
            for (SteadyStateCheckProvider<?> p : ServiceLoader.load(SteadyStateCheckProvider.class, loader)) {
                checks.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new ExtensionConfigurationException("chaos-junit could not load a provider listed in "
                    + "META-INF/services: " + e.getMessage(), e);
        }
        faults.sort(Comparator.comparing(p -> p.annotationType().getName()));
        checks.sort(Comparator.comparing(p -> p.annotationType().getName()));
        return new Providers(List.copyOf(faults), List.copyOf(checks));
    }

    public List<FaultProvider<?>> faults() {
        return faults;
    }

    public List<SteadyStateCheckProvider<?>> checks() {
        return checks;
    }
}
