package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.AnnotationValues;
import dev.chaosjunit.network.ChaosProxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/** Reads and validates proxy declarations: {@code @ChaosProxy} on a class, or the builder's. */
public final class ProxyDeclarations {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

    private ProxyDeclarations() {
    }

    /** The {@code @ChaosProxy} declarations of a class: name to upstream. */
    public static Map<String, String> ofClass(Class<?> testClass, Function<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ChaosProxy p : AnnotationSupport.findRepeatableAnnotations(testClass, ChaosProxy.class)) {
            String subject = "@ChaosProxy(name = \"" + p.name() + "\") on " + testClass.getSimpleName();
            add(out, subject, p.name(), p.upstream(), env);
        }
        return out;
    }

    /** Validates one declaration and adds it to {@code out}. */
    public static void add(Map<String, String> out, String subject, String name, String upstream,
            Function<String, String> env) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ExtensionConfigurationException(subject + ": name = \"" + name + "\" is not a proxy name: "
                    + "expected 1 to 64 letters, digits, '-' or '_', for example \"payments\"");
        }
        if (out.containsKey(name)) {
            throw new ExtensionConfigurationException(subject + ": name = \"" + name + "\" is declared twice: "
                    + "expected each proxy name once per test class");
        }
        out.put(name, upstream(subject, upstream, env));
    }

    private static String upstream(String subject, String value, Function<String, String> env) {
        String v = value == null ? "" : value;
        String resolved = AnnotationValues.of(subject, env).string("upstream", v).strip();
        Matcher hp = HOST_PORT.matcher(resolved);
        if (!hp.matches() || Integer.parseInt(hp.group(2)) < 1 || Integer.parseInt(hp.group(2)) > 65535) {
            throw new ExtensionConfigurationException(subject + ": upstream = \"" + v + "\" is not host:port: "
                    + "expected a host and a port from 1 to 65535, for example \"localhost:8081\"");
        }
        return resolved;
    }
}
