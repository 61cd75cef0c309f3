package dev.chaosjunit.internal;

import dev.chaosjunit.check.ChaosCheck;
import dev.chaosjunit.check.CheckHandler;
import dev.chaosjunit.fault.ChaosFault;
import dev.chaosjunit.fault.FaultHandler;
import java.lang.annotation.Annotation;
import java.lang.annotation.Repeatable;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds the fault and check annotation types on a test class or method (types meta-annotated with
 * {@link ChaosFault} or {@link ChaosCheck}, also inside containers of repeated annotations, composed annotations and
 * superclasses) and the handler each names; occurrences are then found with JUnit's {@link AnnotationSupport}.
 */
final class Handlers {

    private static final Map<Class<?>, Object> INSTANCES = new ConcurrentHashMap<>();

    private Handlers() {
    }

    /** The fault annotation types present on {@code elements}, sorted by name (a stable order). */
    static List<Class<? extends Annotation>> faultTypes(AnnotatedElement... elements) {
        return types(ChaosFault.class, elements);
    }

    /** The check annotation types present on {@code elements}, sorted by name. */
    static List<Class<? extends Annotation>> checkTypes(AnnotatedElement... elements) {
        return types(ChaosCheck.class, elements);
    }

    @SuppressWarnings("unchecked")
    static <A extends Annotation> FaultHandler<A> faultHandler(Class<A> type) {
        return (FaultHandler<A>) instance(type, type.getAnnotation(ChaosFault.class).value());
    }

    @SuppressWarnings("unchecked")
    static <A extends Annotation> CheckHandler<A> checkHandler(Class<A> type) {
        return (CheckHandler<A>) instance(type, type.getAnnotation(ChaosCheck.class).value());
    }

    /** Repeatable annotations through findRepeatableAnnotations; a plain one (at most one) through findAnnotation. */
    static <A extends Annotation> List<A> find(AnnotatedElement element, Class<A> type) {
        if (type.isAnnotationPresent(Repeatable.class)) {
            return AnnotationSupport.findRepeatableAnnotations(element, type);
        }
        return AnnotationSupport.findAnnotation(element, type).map(List::of).orElse(List.of());
    }

    private static Object instance(Class<?> annotation, Class<?> handler) {
        return INSTANCES.computeIfAbsent(handler, h -> {
            try {
                return h.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("@" + annotation.getSimpleName() + " names the handler "
                        + h.getName() + ", which could not be created (" + e + "): expected a public class with a "
                        + "public no-argument constructor", e);
            }
        });
    }

    private static List<Class<? extends Annotation>> types(Class<? extends Annotation> marker,
            AnnotatedElement... elements) {
        Set<Class<? extends Annotation>> found = new TreeSet<>(Comparator.comparing(Class::getName));
        Set<Class<?>> seen = new HashSet<>();
        Deque<Annotation> pending = new ArrayDeque<>();
        for (AnnotatedElement element : elements) {
            for (AnnotatedElement e : hierarchy(element)) {
                pending.addAll(List.of(e.getDeclaredAnnotations()));
            }
        }
        while (!pending.isEmpty()) {
            Annotation a = pending.pop();
            Class<? extends Annotation> type = a.annotationType();
            if (type.getName().startsWith("java.lang.annotation.")) {
                continue;
            }
            if (type.isAnnotationPresent(marker)) {
                found.add(type);
            }
            for (Annotation inner : contained(a)) {
                pending.push(inner);
            }
            if (seen.add(type)) {
                pending.addAll(List.of(type.getDeclaredAnnotations()));
            }
        }
        return List.copyOf(found);
    }

    /** The annotations a container annotation holds in its {@code value()}, if it is one. */
    private static List<Annotation> contained(Annotation a) {
        try {
            Method value = a.annotationType().getDeclaredMethod("value");
            if (value.getReturnType().isArray() && value.getReturnType().getComponentType().isAnnotation()) {
                value.setAccessible(true);
                return List.of((Annotation[]) value.invoke(a));
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not a container
        }
        return List.of();
    }

    /** A class with its superclasses and interfaces; anything else alone. */
    private static List<AnnotatedElement> hierarchy(AnnotatedElement element) {
        if (!(element instanceof Class)) {
            return List.of(element);
        }
        Set<Class<?>> all = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(List.of((Class<?>) element));
        while (!pending.isEmpty()) {
            Class<?> c = pending.pop();
            if (c == Object.class || !all.add(c)) {
                continue;
            }
            if (c.getSuperclass() != null) {
                pending.push(c.getSuperclass());
            }
            pending.addAll(List.of(c.getInterfaces()));
        }
        return all.stream().collect(Collectors.toList());
    }
}
