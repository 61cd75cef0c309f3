package dev.chaosjunit.k8s.testing;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A test-only stand-in for the Deployment, ReplicaSet and kubelet controllers, on top of the CRUD mock server (which
 * has none). Every {@code tick} it reconciles each Deployment of one namespace:
 * <ul>
 *   <li>a ReplicaSet per pod template, owned by the Deployment, with a {@code pod-template-hash} label and a
 *       {@code deployment.kubernetes.io/revision} annotation (a rollback re-uses the old ReplicaSet and gives it the
 *       next revision, as the controller does); the Deployment carries its current revision;</li>
 *   <li>pods: missing ones (deleted or evicted) are re-created at once, not ready; a pod becomes ready
 *       {@code readyDelay} after it was created, except when its image name contains {@code unhealthy} (it never
 *       does); old pods are removed only once every new pod is ready (like {@code maxUnavailable: 0});</li>
 *   <li>status: observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas and the Progressing
 *       condition, which turns {@code ProgressDeadlineExceeded} after {@code progressDeadlineSeconds}.</li>
 * </ul>
 * It registers the eviction and ephemeral-container expectations for every pod it creates.
 *
 * <p>What it cannot show: scheduling, resource pressure (stress does not slow anything here), probes and what the
 * service answers (a "slow" version is simply ready: only a load against a real service shows the latency), image
 * pulls, maxSurge/maxUnavailable arithmetic, PodDisruptionBudgets (use {@link MockApi#protectedByBudget}), restarts
 * of containers, and network policies or netem (nothing is enforced). Timing is its own ({@code tick},
 * {@code readyDelay}), not a kubelet's.
 */
public final class ClusterSimulator implements AutoCloseable {

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final String namespace;
    private final Duration readyDelay;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService loop;
    private final AtomicInteger podCounter = new AtomicInteger();
    private final Map<String, Instant> podCreated = new ConcurrentHashMap<>();
    private final Map<String, Instant> progressSince = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;
    private volatile boolean closing;

    public ClusterSimulator(KubernetesClient client, KubernetesMockServer server, String namespace, Duration readyDelay) {
        this.client = client;
        this.server = server;
        this.namespace = namespace;
        this.readyDelay = readyDelay;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reconciling every {@code tick}. */
    public ClusterSimulator start(Duration tick) {
        loop.scheduleWithFixedDelay(this::reconcileSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** A Deployment with {@code replicas} pods of {@code image}, labelled {@code app=<name>}. */
    public Deployment createDeployment(String name, String image, int replicas, int progressDeadlineSeconds) {
        Deployment d = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).endMetadata().withNewSpec().withReplicas(replicas)
                .withProgressDeadlineSeconds(progressDeadlineSeconds).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate().endSpec()
                .build();
        return client.apps().deployments().inNamespace(namespace).resource(d).create();
    }

    /** Throws what went wrong in the loop, if anything. */
    public void check() {
        if (failure != null) {
            throw failure;
        }
    }

    private void reconcileSafely() {
        try {
            for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                reconcile(d);
            }
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409 && !closing) { // 409: a concurrent change, which the next tick sees
                failure = e;
            }
        } catch (RuntimeException e) {
            if (!closing) {
                failure = e;
            }
        }
    }

    private void reconcile(Deployment d) {
        Instant now = clock.instant();
        String uid = d.getMetadata().getUid();
        PodTemplateSpec template = d.getSpec().getTemplate();
        String hash = Integer.toHexString(Serialization.asJson(template).hashCode() & 0x7fffffff);
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> owner(rs.getMetadata().getOwnerReferences(), uid)).collect(Collectors.toList());
        long maxRevision = owned.stream().mapToLong(ClusterSimulator::revision).max().orElse(0);
        ReplicaSet current = owned.stream().filter(rs -> hash.equals(rs.getMetadata().getLabels().get("pod-template-hash")))
                .findFirst().orElse(null);
        if (current == null || revision(current) < maxRevision) {
            long revision = maxRevision + 1;
            current = current == null ? createReplicaSet(d, template, hash, revision) : bumpRevision(current, revision);
            owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                    .filter(rs -> owner(rs.getMetadata().getOwnerReferences(), uid)).collect(Collectors.toList());
            progressSince.put(uid, now);
            String rev = Long.toString(revision);
            client.apps().deployments().inNamespace(namespace).withName(d.getMetadata().getName())
                    .edit(x -> {
                        x.getMetadata().setAnnotations(with(x.getMetadata().getAnnotations(), "deployment.kubernetes.io/revision", rev));
                        return x;
                    });
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        Map<String, List<Pod>> byRs = new HashMap<>();
        for (ReplicaSet rs : owned) {
            byRs.put(rs.getMetadata().getUid(), pods.stream().filter(p -> owner(p.getMetadata().getOwnerReferences(),
                    rs.getMetadata().getUid())).collect(Collectors.toList()));
        }
        List<Pod> newPods = byRs.get(current.getMetadata().getUid());
        for (int i = newPods.size(); i < wanted; i++) {
            newPods.add(createPod(current));
        }
        for (int i = newPods.size(); i > wanted; i--) {
            delete(newPods.remove(newPods.size() - 1));
        }
        for (Pod p : newPods) {
            markReadyWhenDue(p, now);
        }
        String currentUid = current.getMetadata().getUid();
        newPods = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> owner(p.getMetadata().getOwnerReferences(), currentUid)).collect(Collectors.toList());
        long newReady = newPods.stream().filter(ClusterSimulator::ready).count();
        int oldCount = 0;
        int oldReady = 0;
        for (ReplicaSet rs : owned) {
            if (rs.getMetadata().getUid().equals(current.getMetadata().getUid())) {
                continue;
            }
            for (Pod p : byRs.get(rs.getMetadata().getUid())) {
                if (newReady >= wanted) {
                    delete(p);
                } else {
                    oldCount++;
                    oldReady += ready(p) ? 1 : 0;
                }
            }
        }
        writeStatus(d, wanted, newPods.size(), (int) newReady, oldCount, oldReady, now);
    }

    private void writeStatus(Deployment d, int wanted, int updated, int newReady, int oldCount, int oldReady, Instant now) {
        boolean complete = updated == wanted && oldCount == 0 && newReady >= wanted;
        Instant since = progressSince.getOrDefault(d.getMetadata().getUid(), now);
        int deadline = d.getSpec().getProgressDeadlineSeconds() == null ? 600 : d.getSpec().getProgressDeadlineSeconds();
        String reason = complete ? "NewReplicaSetAvailable"
                : Duration.between(since, now).toMillis() > deadline * 1000L ? "ProgressDeadlineExceeded" : "ReplicaSetUpdated";
        DeploymentStatus status = new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(updated + oldCount).withUpdatedReplicas(updated).withReadyReplicas(newReady + oldReady)
                .withAvailableReplicas(newReady + oldReady)
                .withUnavailableReplicas(Math.max(0, wanted - newReady - oldReady))
                .addToConditions(new DeploymentConditionBuilder().withType("Progressing")
                        .withStatus(reason.equals("ProgressDeadlineExceeded") ? "False" : "True").withReason(reason).build())
                .build();
        if (!Objects.equals(Serialization.asJson(status), Serialization.asJson(d.getStatus()))) {
            client.apps().deployments().inNamespace(namespace).withName(d.getMetadata().getName()).editStatus(x -> {
                x.setStatus(status);
                return x;
            });
        }
    }

    private ReplicaSet createReplicaSet(Deployment d, PodTemplateSpec template, String hash, long revision) {
        PodTemplateSpec t = Serialization.clone(template);
        t.getMetadata().setLabels(with(t.getMetadata().getLabels(), "pod-template-hash", hash));
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(d.getMetadata().getName() + "-" + hash)
                .withNamespace(namespace).withLabels(t.getMetadata().getLabels())
                .withAnnotations(Map.of("deployment.kubernetes.io/revision", Long.toString(revision)))
                .withOwnerReferences(ref("apps/v1", "Deployment", d.getMetadata().getName(), d.getMetadata().getUid()))
                .endMetadata().withNewSpec().withReplicas(d.getSpec().getReplicas()).withTemplate(t).endSpec().build();
        return client.apps().replicaSets().inNamespace(namespace).resource(rs).create();
    }

    private ReplicaSet bumpRevision(ReplicaSet rs, long revision) {
        return client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName()).edit(x -> {
            x.getMetadata().setAnnotations(with(x.getMetadata().getAnnotations(), "deployment.kubernetes.io/revision",
                    Long.toString(revision)));
            return x;
        });
    }

    private Pod createPod(ReplicaSet rs) {
        String name = rs.getMetadata().getName() + "-" + String.format("%05d", podCounter.incrementAndGet());
        Pod p = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
                .withOwnerReferences(ref("apps/v1", "ReplicaSet", rs.getMetadata().getName(), rs.getMetadata().getUid()))
                .endMetadata().withSpec(Serialization.clone(rs.getSpec().getTemplate().getSpec()))
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("False").endCondition()
                .endStatus().build();
        MockApi.evictable(server, client, namespace, name);
        MockApi.ephemeralContainers(server, client, namespace, name);
        podCreated.put(name, clock.instant());
        return client.pods().inNamespace(namespace).resource(p).create();
    }

    private void markReadyWhenDue(Pod p, Instant now) {
        String name = p.getMetadata().getName();
        boolean healthy = p.getSpec().getContainers().stream().noneMatch(c -> c.getImage().contains("unhealthy"));
        Instant created = podCreated.getOrDefault(name, now);
        if (!ready(p) && healthy && !now.isBefore(created.plus(readyDelay))) {
            client.pods().inNamespace(namespace).withName(name).editStatus(x -> {
                x.getStatus().getConditions().forEach(c -> c.setStatus("True"));
                return x;
            });
        }
    }

    private void delete(Pod p) {
        client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete();
    }

    static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static long revision(ReplicaSet rs) {
        Map<String, String> a = rs.getMetadata().getAnnotations();
        return a == null || a.get("deployment.kubernetes.io/revision") == null ? 0
                : Long.parseLong(a.get("deployment.kubernetes.io/revision"));
    }

    private static boolean owner(List<OwnerReference> refs, String uid) {
        return refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }

    private static OwnerReference ref(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(true).build();
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> m = map == null ? new HashMap<>() : new HashMap<>(map);
        m.put(key, value);
        return m;
    }

    @Override
    public void close() {
        closing = true;
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
