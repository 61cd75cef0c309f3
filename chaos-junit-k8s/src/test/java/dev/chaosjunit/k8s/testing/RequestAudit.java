package dev.chaosjunit.k8s.testing;

import dev.chaosjunit.k8s.internal.guard.Permission;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every request a mock server received, mapped to the RBAC verb and resource a real API server would authorize.
 * Draining is destructive: use one audit per server and never {@code getLastRequest()} or {@code reset()} beside it.
 */
public final class RequestAudit {

    /** One request and the permission it needs (empty for requests every user may make). */
    public record Entry(String method, String path, Optional<Permission> permission, boolean subject) {
    }

    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/([^/?]+))?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?");

    private static final java.util.Map<KubernetesMockServer, RequestAudit> AUDITS = new java.util.WeakHashMap<>();

    private final List<Entry> entries = new ArrayList<>();

    /** The one audit of {@code server}: every drain adds to it, so per-test checks and the class audit agree. */
    public static RequestAudit of(KubernetesMockServer server) {
        synchronized (AUDITS) {
            return AUDITS.computeIfAbsent(server, s -> new RequestAudit());
        }
    }

    /**
     * Drains, and returns the changes the code under test made since the last drain (access reviews change nothing
     * and are left out).
     */
    public List<Entry> subjectChangesSinceLastDrain(KubernetesMockServer server) throws InterruptedException {
        return drain(server).stream().filter(e -> e.subject() && !e.method().equals("GET") && e.permission().isPresent())
                .toList();
    }

    /** Takes every request recorded so far. */
    public synchronized List<Entry> drain(KubernetesMockServer server) throws InterruptedException {
        List<Entry> taken = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            taken.add(new Entry(r.getMethod(), r.getPath(), permission(r.getMethod(), r.getPath()),
                    MockApi.SUBJECT_AGENT.equals(r.getHeader("User-Agent"))));
        }
        entries.addAll(taken);
        return taken;
    }

    /** Every request of the code under test audited in this JVM so far (all servers). */
    public static List<Entry> everySubjectEntry() {
        synchronized (AUDITS) {
            return AUDITS.values().stream().flatMap(a -> a.subjectEntries().stream()).toList();
        }
    }

    /** The requests of the code under test (see {@link MockApi#subjectClient}). */
    public synchronized List<Entry> subjectEntries() {
        return entries.stream().filter(Entry::subject).toList();
    }

    /** The requests of the code under test that change something (POST, PUT, PATCH, DELETE). */
    public synchronized List<Entry> subjectChanges() {
        return subjectEntries().stream().filter(e -> !e.method().equals("GET")).toList();
    }

    /** The RBAC permission for one request. */
    public static Optional<Permission> permission(String method, String path) {
        if (path.startsWith("/version") || path.contains("selfsubjectaccessreviews")) {
            return Optional.empty(); // allowed to every authenticated user by the default cluster roles
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot map " + method + " " + path);
        }
        String group = m.group(1) == null ? "" : m.group(1);
        String ns = m.group(2) == null ? "" : m.group(2);
        String resource = m.group(3);
        String name = m.group(4);
        String sub = m.group(5) == null ? "" : m.group(5);
        String query = m.group(6) == null ? "" : m.group(6);
        String verb;
        switch (method) {
            case "GET":
                verb = query.contains("watch=true") ? "watch" : name == null ? "list" : "get";
                break;
            case "POST": verb = "create"; break;
            case "PUT": verb = "update"; break;
            case "PATCH": verb = "patch"; break;
            case "DELETE": verb = name == null ? "deletecollection" : "delete"; break;
            default: throw new IllegalArgumentException("unexpected method " + method);
        }
        return Optional.of(new Permission(verb, group, resource, sub, ns));
    }
}
