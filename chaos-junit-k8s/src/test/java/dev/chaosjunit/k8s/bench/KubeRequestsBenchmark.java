package dev.chaosjunit.k8s.bench;

import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.guard.Guardrails;
import dev.chaosjunit.k8s.internal.pod.PodKiller;
import dev.chaosjunit.k8s.internal.rollout.RolloutRun;
import dev.chaosjunit.k8s.internal.select.PickMode;
import dev.chaosjunit.k8s.internal.select.Selector;
import dev.chaosjunit.k8s.internal.select.TargetSelection;
import dev.chaosjunit.k8s.internal.stress.Images;
import dev.chaosjunit.k8s.internal.stress.PodStress;
import dev.chaosjunit.k8s.internal.stress.StressCommand;
import dev.chaosjunit.k8s.testing.ClusterSimulator;
import dev.chaosjunit.k8s.testing.Fixtures;
import dev.chaosjunit.k8s.testing.KubeFixture;
import dev.chaosjunit.k8s.testing.KubeFixtures;
import dev.chaosjunit.k8s.testing.MockApi;
import dev.chaosjunit.k8s.testing.RequestAudit;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A harness (not a test): API requests per injection and revert, and the time from the call to the API's
 * acknowledgement, against the mock server; and the cost per test of having chaos-junit-k8s on the class path with no
 * Kubernetes fault. Prints figures; run with {@code scripts/bench-k8s.sh}. The mock answers from memory on loopback,
 * so times are the client's own cost plus one local round trip, not a real API server's.
 */
public final class KubeRequestsBenchmark {

    static final int N = Integer.getInteger("bench.n", 50);

    private KubeRequestsBenchmark() {
    }

    public static void main(String[] args) {
        run(Requests.class);
        for (int round = 0; round < 4; round++) { // round 0 warms up
            long plain = perTest(Plain.class);
            long chaos = perTest(NoKubernetesFault.class);
            if (round > 0) {
                System.out.printf("no Kubernetes fault, round %d: plain %.3f ms/test, @ChaosTest with the module on the"
                        + " class path %.3f ms/test%n", round, plain / 1e6 / 200, chaos / 1e6 / 200);
            }
        }
    }

    private static long perTest(Class<?> fixture) {
        long t0 = System.nanoTime();
        run(fixture);
        return System.nanoTime() - t0;
    }

    private static void run(Class<?> fixture) {
        var r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameters(Map.of(KubeFixtures.FIXTURE_PARAMETER, "true",
                        "chaos.journal.dir", "target/chaos-reports/bench"))
                .execute();
        if (r.testEvents().failed().count() > 0) {
            throw new AssertionError(KubeFixtures.summary(r));
        }
    }

    @KubeFixture
    static class Plain {
        @RepeatedTest(200)
        void test() {
        }
    }

    @KubeFixture
    static class NoKubernetesFault {
        @RepeatedTest(200)
        @org.junit.jupiter.api.extension.ExtendWith(dev.chaosjunit.ChaosExtension.class)
        void test() {
        }
    }

    @KubeFixture
    @EnableKubernetesMockClient(crud = true)
    static class Requests {
        static KubernetesMockServer server;
        static KubernetesClient client;

        @Test
        void figures() throws Exception {
            server.clearExpectations(); // the server's own /version answer (0.0) would win
            MockApi.version(server, 30);
            KubernetesClient subject = MockApi.subjectClient(server);
            RequestAudit audit = RequestAudit.of(server);
            Guardrails g = new Guardrails(GuardrailSettings.read(k -> java.util.Optional.empty()).allowingNamespaces("b"));
            Marks marks = new Marks("bench", Instant.now().plusSeconds(600));
            long[] killNanos = new long[N];
            long[] stressNanos = new long[N];
            int killRequests = 0;
            int stressRequests = 0;
            for (int i = 0; i < N; i++) {
                var pods = Fixtures.createPods(client, "b", "p" + i, 4, Map.of("app", "p" + i));
                pods.forEach(p -> MockApi.usual(server, client, p));
                Fixtures.createPods(client, "b", "s" + i, 4, Map.of("app", "s" + i))
                        .forEach(p -> MockApi.usual(server, client, p));
                audit.drain(server);
                var targets = TargetSelection.choose(subject, g, "kill", "b", Selector.parse("app=p" + i), PickMode.ONE,
                        0, new Random(i), true, true);
                long t0 = System.nanoTime();
                new PodKiller(subject, new ClusterCalls(false)).kill(targets.chosen(), OptionalLong.empty(), false);
                killNanos[i] = System.nanoTime() - t0;
                killRequests += audit.drain(server).stream().filter(RequestAudit.Entry::subject).count();
                var stressTargets = TargetSelection.choose(subject, g, "stress", "b", Selector.parse("app=s" + i),
                        PickMode.ONE, 0, new Random(i), false, true);
                audit.drain(server);
                t0 = System.nanoTime();
                new PodStress(subject, new ClusterCalls(false)).start(stressTargets.chosen(), new StressCommand(
                        StressCommand.Resource.CPU, 1, 100, "", Duration.ofSeconds(5)), Images.STRESS_NG, "c" + i, marks);
                stressNanos[i] = System.nanoTime() - t0;
                stressRequests += audit.drain(server).stream().filter(RequestAudit.Entry::subject).count();
            }
            System.out.printf("pod kill (eviction): %.1f requests per injection (1 list to choose, 1 eviction), 0 per"
                    + " revert; acknowledged in median %.2f ms, p90 %.2f ms (%d injections)%n",
                    (double) killRequests / N, median(killNanos), p90(killNanos), N);
            System.out.printf("cpu stress (ephemeral container): %.1f requests per injection (1 list to choose, the"
                    + " client's get, 1 patch), 0 per revert; acknowledged in median %.2f ms, p90 %.2f ms%n",
                    (double) stressRequests / N, median(stressNanos), p90(stressNanos));
            try (ClusterSimulator sim = new ClusterSimulator(client, server, "r", Duration.ofMillis(20))) {
                sim.createDeployment("svc", "example/svc:1", 3, 600);
                sim.start(Duration.ofMillis(20));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> client.apps().deployments()
                        .inNamespace("r").withName("svc").get().getMetadata().getAnnotations() != null && client.apps()
                        .deployments().inNamespace("r").withName("svc").get().getMetadata().getAnnotations()
                        .containsKey("deployment.kubernetes.io/revision"));
                int n = Math.max(5, N / 5);
                int inject = 0;
                int revert = 0;
                long[] ack = new long[n];
                for (int i = 0; i < n; i++) {
                    audit.drain(server);
                    RolloutRun run = new RolloutRun(subject, new ClusterCalls(false), "r", "svc");
                    long t0 = System.nanoTime();
                    run.start("", "example/svc:" + (i + 2), marks);
                    ack[i] = System.nanoTime() - t0;
                    inject += audit.drain(server).stream().filter(RequestAudit.Entry::subject).count();
                    run.await(Duration.ofSeconds(60));
                    audit.drain(server);
                    run.revert();
                    revert += audit.drain(server).stream().filter(RequestAudit.Entry::subject).count();
                    run.await(Duration.ofSeconds(60));
                }
                System.out.printf("rollout: %.1f requests per injection, %.1f per revert (the watch not counted);"
                        + " change acknowledged in median"
                        + " %.2f ms (%d rollouts)%n", (double) inject / n, (double) revert / n, median(ack), n);
            }
            subject.close();
        }

        private static double median(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[s.length / 2] / 1e6;
        }

        private static double p90(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[(int) (s.length * 0.9)] / 1e6;
        }
    }

}
