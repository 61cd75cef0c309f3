package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.KillMode;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import dev.chaosjunit.k8s.internal.select.PickMode;
import dev.chaosjunit.k8s.internal.select.Selector;
import dev.chaosjunit.k8s.internal.select.TargetSelection;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The validated target attributes shared by the pod faults: namespace, selector, mode with its count or percent, and
 * whether a wide selector is meant.
 */
record PodTargeting(String namespace, Selector selector, PickMode mode, int value, boolean wide) {

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    static PodTargeting resolve(ResolveContext ctx, String namespace, String selector, KillMode mode, int count,
            int percent, boolean wide) {
        String ns = namespace(ctx, namespace);
        Selector sel = selector(ctx, "selector", selector);
        int value = 0;
        if (mode == KillMode.COUNT) {
            value = (int) ctx.integer("count", count, 1, 1000);
        } else if (mode == KillMode.PERCENT) {
            value = (int) ctx.integer("percent", percent, 1, 100);
        }
        return new PodTargeting(ns, sel, PickMode.valueOf(mode.name()), value, wide);
    }

    static String namespace(ResolveContext ctx, String namespace) {
        String ns = ctx.requiredString("namespace", namespace, "a namespace such as \"sock-shop\"");
        if (!NAMESPACE.matcher(ns).matches()) {
            throw ctx.invalid("namespace", namespace, "is not a namespace name: expected up to 63 lower-case letters,"
                    + " digits or '-', starting and ending with a letter or digit");
        }
        return ns;
    }

    static Selector selector(ResolveContext ctx, String attribute, String selector) {
        try {
            return Selector.parse(ctx.string(attribute, selector));
        } catch (IllegalArgumentException e) {
            throw ctx.invalid(attribute, selector, e.getMessage());
        }
    }

    /** Chooses the pods now (reads only). */
    TargetSelection.Targets choose(KubernetesClient client, Guardrails guardrails, String what, Random random,
            boolean removesPods) {
        return TargetSelection.choose(client, guardrails, what, namespace, selector, mode, value, random, removesPods,
                wide);
    }

    /** For the journal and the dry run. */
    Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", namespace);
        m.put("selector", selector.toString());
        m.put("mode", mode.name() + (mode == PickMode.COUNT || mode == PickMode.PERCENT ? " " + value : ""));
        return m;
    }

    /** The lock key of the pods this fault may touch. */
    static String lockKey(String namespace, String selector) {
        return "chaos-junit.k8s." + namespace + "." + selector;
    }
}
