package dev.chaosjunit.network;

import dev.chaosjunit.ChaosExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Toxiproxy proxy for the tests of a class: traffic sent to the proxy's listen address (see
 * {@code ChaosRun.proxy(name)}) is forwarded to {@link #upstream()}, and network fault annotations name it in their
 * {@code proxy} attribute.
 *
 * <p>The proxy is created before the first test of the class when the extension is registered on the class
 * ({@code @ExtendWith(ChaosExtension.class)}), otherwise before the first test that needs it, and deleted after the
 * last test of the class. A {@code @Nested} class sees the proxies of its enclosing classes as well as its own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(ChaosProxy.List.class)
@ExtendWith(ChaosExtension.class)
public @interface ChaosProxy {

    /** The proxy's name, unique per test class: letters, digits, {@code -} and {@code _}. */
    String name();

    /** Where traffic goes: {@code host:port}; {@code ${ENV_VAR}} placeholders allowed. */
    String upstream();

    /** Container for repeated {@link ChaosProxy}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ExtendWith(ChaosExtension.class)
    @interface List {
        ChaosProxy[] value();
    }
}
