package dev.chaosjunit;

import dev.chaosjunit.internal.Declarations;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * Locks exactly the shared resources (proxies, ...) a chaos test puts faults on, so that JUnit's parallel executor
 * never schedules two tests that fault the same proxy at the same time, and runs the others in parallel:
 *
 * <pre>{@code
 * @ResourceLock(providers = ChaosResourceLocks.class)
 * class CheckoutChaosTest { ... }
 * }</pre>
 *
 * <p>Without it, the extension still serialises such tests itself (a test waits for the proxy before its faults
 * start); with it, JUnit knows in advance and keeps its worker threads busy with other tests.
 */
public final class ChaosResourceLocks implements ResourceLocksProvider {

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return Declarations.sharedResources(testClass, testMethod).stream()
                .map(key -> new Lock(key, ResourceAccessMode.READ_WRITE))
                .collect(Collectors.toSet());
    }
}
