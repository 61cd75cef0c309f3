package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.ResolveContext;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;

/** The part every network fault shares: the {@code proxy} attribute, bound when the fault is resolved. */
abstract class ProxyFault<A extends Annotation> implements FaultHandler<A> {

    /** Lock key prefix: tests using the same proxy name never run their faults concurrently. */
    static final String LOCK_PREFIX = "chaos-junit.proxy.";

    /** The annotation's {@code proxy} attribute as written. */
    abstract String proxyOf(A annotation);

    @Override
    public String describe(A annotation) {
        return "proxy = \"" + proxyOf(annotation) + "\"";
    }

    @Override
    public Set<String> sharedResources(A annotation) {
        return Set.of(LOCK_PREFIX + proxyOf(annotation));
    }

    /** The declared proxy the annotation names, or a refusal listing the declared ones. */
    static BoundProxy bind(ResolveContext ctx, String value) {
        String name = ctx.string("proxy", value);
        ProxyView view = ProxyView.of(ctx.extensionContext());
        return view.bind(name).orElseThrow(() -> {
            Set<String> known = view.names();
            if (known.isEmpty()) {
                return ctx.invalid("proxy", value, "is not a declared proxy: no proxies are declared; expected "
                        + "a @ChaosProxy(name = \"" + name + "\", upstream = \"host:port\") on the test class "
                        + "or ChaosExtension.builder().proxy(\"" + name + "\", \"host:port\")");
            }
            return ctx.invalid("proxy", value, "is not a declared proxy: expected one of " + new TreeSet<>(known));
        });
    }
}
