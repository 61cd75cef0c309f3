package dev.chaosjunit.k8s.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The RBAC audit of a mock-server test class: after each test (before the mock server is reset), every request its static
 * {@link KubernetesMockServer} received, mapped to verb and resource, must be granted by the shipped Role and
 * ClusterRole files. A test class using the mock server registers this extension.
 */
public final class RbacAuditing implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        KubernetesMockServer server = null;
        for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == KubernetesMockServer.class) {
                f.setAccessible(true);
                server = (KubernetesMockServer) f.get(null);
            }
        }
        if (server == null) {
            throw new IllegalStateException("no static KubernetesMockServer field to audit");
        }
        RbacRules rules = RbacRules.shipped();
        RequestAudit audit = RequestAudit.of(server);
        List<RequestAudit.Entry> entries = audit.drain(server).stream().filter(RequestAudit.Entry::subject).toList();
        List<String> denied = entries.stream().filter(e -> e.permission().isPresent() && !rules.allows(e.permission().get()))
                .map(e -> e.method() + " " + e.path() + " needs " + e.permission().get()).distinct()
                .collect(Collectors.toList());
        if (!denied.isEmpty()) {
            throw new AssertionError("requests not granted by the shipped RBAC files:\n  " + String.join("\n  ", denied));
        }
    }
}
