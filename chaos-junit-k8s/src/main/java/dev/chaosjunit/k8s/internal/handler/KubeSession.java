package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.internal.cluster.KubeConnection;
import dev.chaosjunit.k8s.internal.guard.AccessReview;
import dev.chaosjunit.k8s.internal.guard.GuardrailException;
import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import dev.chaosjunit.k8s.internal.guard.Permission;
import dev.chaosjunit.k8s.janitor.Janitor;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Kubernetes client of a test run and what goes with it, kept in the root {@link ExtensionContext.Store}: created
 * by the first Kubernetes annotation resolved (never for a test without one), closed when the run ends. On creation
 * it checks the kube context against the guardrails and runs the {@link Janitor} once in the allowed namespaces
 * (switch off with {@code chaos.k8s.janitor=false}).
 */
public final class KubeSession implements AutoCloseable {

    /** {@code chaos.k8s.janitor}: run the janitor at the start of a test run (default true). */
    public static final String JANITOR = "chaos.k8s.janitor";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KubeSession.class);
    private static final System.Logger LOG = System.getLogger("chaos-junit.k8s");

    private final KubeConnection connection;
    private final Guardrails guardrails;
    private final Set<Permission> granted = ConcurrentHashMap.newKeySet();
    private final List<String> janitorLines;

    private KubeSession(KubeConnection connection, Guardrails guardrails, List<String> janitorLines) {
        this.connection = connection;
        this.guardrails = guardrails;
        this.janitorLines = janitorLines;
    }

    /** The session of this run; opens it on first use. */
    public static KubeSession of(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("session", k -> open(context), KubeSession.class);
    }

    private static KubeSession open(ExtensionContext context) {
        Function<String, Optional<String>> config = key -> context.getConfigurationParameter(key);
        Guardrails guardrails = new Guardrails(GuardrailSettings.read(config));
        KubeConnection connection = KubeConnection.open(config.apply(KubeConnection.KUBECONFIG),
                config.apply(KubeConnection.CONTEXT));
        try {
            guardrails.checkContext(connection.context());
        } catch (GuardrailException e) {
            connection.close();
            throw e;
        }
        List<String> lines = List.of();
        boolean janitor = !config.apply(JANITOR).map(String::strip).orElse("true").equalsIgnoreCase("false");
        boolean dryRun = config.apply("chaos.dryRun").map(String::strip).orElse("false").equalsIgnoreCase("true");
        if (janitor) {
            Set<String> namespaces = new java.util.TreeSet<>(guardrails.settings().allowedNamespaces());
            namespaces.remove("*");
            try {
                lines = Janitor.clean(connection.client(), namespaces, dryRun, Clock.systemUTC());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "chaos-junit: the janitor could not clean " + namespaces + ": " + e);
            }
        }
        return new KubeSession(connection, guardrails, lines);
    }

    /**
     * The checks a declaration passes at resolve time, before anything starts: the kube context, every namespace,
     * and a SelfSubjectAccessReview for each permission not yet granted in this run.
     */
    public static KubeSession preflight(ResolveContext ctx, Collection<String> namespaces, Collection<Permission> needed) {
        try {
            KubeSession session = of(ctx.extensionContext());
            namespaces.forEach(session.guardrails::checkNamespace);
            List<Permission> unknown = needed.stream().filter(p -> !session.granted.contains(p)).toList();
            if (!unknown.isEmpty()) {
                AccessReview.require(session.client(), unknown);
                session.granted.addAll(unknown);
            }
            return session;
        } catch (GuardrailException | IllegalArgumentException e) {
            throw ctx.values().fail(e.getMessage());
        } catch (RuntimeException e) {
            throw ctx.values().fail("the Kubernetes API could not be reached for the pre-flight checks: " + e.getMessage());
        }
    }

    public KubernetesClient client() {
        return connection.client();
    }

    public String context() {
        return connection.context();
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    /** What the janitor did when this session opened. */
    public List<String> janitorLines() {
        return janitorLines;
    }

    @Override
    public void close() {
        connection.close();
    }
}
