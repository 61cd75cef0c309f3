package dev.chaosjunit.samples.rollout.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every Kubernetes manifest of the project with the fabric8 client (no cluster is contacted) and checks the
 * {@link ManifestRules}: the manifests under {@code samples/<sample>/k8s/} (each directory is one set, applied
 * together) and the RBAC files under {@code chaos-junit-k8s/src/main/resources}. The rules themselves are tested
 * on broken manifests below, so a rule that cannot fail does not pass for one.
 */
class ManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("chaos.projectRoot", "../..")).toAbsolutePath().normalize();

    private static KubernetesClient client;

    @BeforeAll
    static void client() {
        client = new KubernetesClientBuilder().build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** The manifest sets of the project: one per k8s directory of a sample, plus the RBAC resource files. */
    static Map<Path, List<Path>> manifestSets() throws IOException {
        Map<Path, List<Path>> sets = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("samples"))) {
            files.filter(p -> p.getParent().getFileName().toString().equals("k8s") && isYaml(p))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> sets.computeIfAbsent(p.getParent(), k -> new ArrayList<>()).add(p));
        }
        Path k8sResources = ROOT.resolve("chaos-junit-k8s/src/main/resources");
        if (Files.isDirectory(k8sResources)) {
            try (Stream<Path> files = Files.walk(k8sResources)) {
                files.filter(ManifestsTest::isYaml).forEach(p -> sets.computeIfAbsent(k8sResources, k -> new ArrayList<>()).add(p));
            }
        }
        sets.values().forEach(list -> list.sort(null));
        return sets;
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static List<HasMetadata> parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        }
    }

    private static List<HasMetadata> parse(String yaml) {
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    @Test
    void everyManifestOfTheProjectParsesAndFollowsTheRules() throws IOException {
        Map<Path, List<Path>> sets = manifestSets();
        List<String> relative = sets.values().stream().flatMap(List::stream).map(p -> ROOT.relativize(p).toString())
                .collect(Collectors.toList());
        // the walk must find what we know is there, or this test would pass on nothing
        assertThat(relative).contains("samples/rollout-safety/k8s/namespace.yaml", "samples/rollout-safety/k8s/service1.yaml",
                "samples/rollout-safety/k8s/service2.yaml", "samples/sock-shop-tests/k8s/prometheus.yaml");
        for (Map.Entry<Path, List<Path>> set : sets.entrySet()) {
            List<HasMetadata> objects = new ArrayList<>();
            for (Path file : set.getValue()) {
                List<HasMetadata> items = parse(file);
                assertThat(items).as("objects in %s", ROOT.relativize(file)).isNotEmpty();
                objects.addAll(items);
            }
            // the RBAC files are templates applied with kubectl -n <namespace>: no namespace of their own
            boolean namespaceRequired = !set.getKey().startsWith(ROOT.resolve("chaos-junit-k8s"));
            assertThat(ManifestRules.problems(objects, namespaceRequired)).as("problems of the manifests in %s", ROOT.relativize(set.getKey()))
                    .isEmpty();
        }
    }

    @Test
    void rolloutSafetyManifestsHaveWhatTheRolloutExperimentsNeed() throws IOException {
        Path dir = ROOT.resolve("samples/rollout-safety/k8s");
        Deployment service2 = find(parse(dir.resolve("service2.yaml")), Deployment.class, "service2");
        assertThat(service2.getMetadata().getNamespace()).isEqualTo("rollout-safety");
        // old pods keep serving until a new one is ready: an unhealthy version never takes traffic
        assertThat(service2.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(service2.getSpec().getProgressDeadlineSeconds()).isPositive();
        Container c2 = service2.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c2.getImage()).isEqualTo("chaos-junit/rollout-service2:v1");
        assertThat(c2.getImagePullPolicy()).as("images are loaded into kind, never pulled").isEqualTo("IfNotPresent");
        assertThat(c2.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");

        Service service2Svc = find(parse(dir.resolve("service2.yaml")), Service.class, "service2");
        Deployment service1 = find(parse(dir.resolve("service1.yaml")), Deployment.class, "service1");
        Container c1 = service1.getSpec().getTemplate().getSpec().getContainers().get(0);
        String url = c1.getEnv().stream().filter(e -> e.getName().equals("SERVICE2_URL")).map(EnvVar::getValue)
                .findFirst().orElseThrow();
        assertThat(url).isEqualTo("http://" + service2Svc.getMetadata().getName() + ":"
                + service2Svc.getSpec().getPorts().get(0).getPort());
        Service service1Svc = find(parse(dir.resolve("service1.yaml")), Service.class, "service1");
        assertThat(service1Svc.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + objects));
    }

    private static final String GOOD_DEPLOYMENT = String.join("\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: web, namespace: shop}",
            "spec:",
            "  selector: {matchLabels: {app: web}}",
            "  template:",
            "    metadata: {labels: {app: web, tier: front}}",
            "    spec:",
            "      containers:",
            "        - name: web",
            "          image: example/web:1",
            "          ports: [{name: http, containerPort: 8080}]",
            "          readinessProbe: {httpGet: {path: /health, port: http}}",
            "");

    private static final String GOOD_SERVICE = String.join("\n",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: web, namespace: shop}",
            "spec:",
            "  selector: {app: web}",
            "  ports: [{port: 80, targetPort: http}]",
            "");

    @Test
    void theRulesAcceptAWellFormedSet() {
        assertThat(ManifestRules.problems(parse(GOOD_DEPLOYMENT + "---\n" + GOOD_SERVICE))).isEmpty();
    }

    @Test
    void theRulesCatchASelectorThatMissesTheTemplate() {
        assertThat(ManifestRules.problems(parse(GOOD_DEPLOYMENT.replace("matchLabels: {app: web}", "matchLabels: {app: webb}"))))
                .containsExactly("Deployment shop/web: spec.selector.matchLabels {app=webb} does not match the template's"
                        + " labels {app=web, tier=front}");
    }

    @Test
    void theRulesCatchAMisspeltFieldThatTheParserWouldIgnore() {
        assertThat(ManifestRules.problems(parse(GOOD_DEPLOYMENT.replace("readinessProbe:", "readinesProbe:"))))
                .containsExactlyInAnyOrder(
                        "Deployment shop/web.spec.template.spec.containers[0]: unknown field(s) [readinesProbe]",
                        "Deployment shop/web container web: a readinessProbe is required (a rollout is judged by readiness)");
    }

    @Test
    void theRulesCatchAProbeOnAnUndeclaredPortAndAMissingNamespace() {
        assertThat(ManifestRules.problems(parse(GOOD_DEPLOYMENT.replace("port: http}", "port: 9090}")
                .replace(", namespace: shop", ""))))
                .containsExactlyInAnyOrder(
                        "Deployment web: metadata.namespace is required for a Deployment",
                        "Deployment web container web: readinessProbe port 9090 is not one of the container's ports [http=8080]");
    }

    @Test
    void theRulesCatchAServiceThatSelectsNothingOrAWrongPort() {
        assertThat(ManifestRules.problems(parse(GOOD_DEPLOYMENT + "---\n" + GOOD_SERVICE.replace("{app: web}", "{app: api}"))))
                .containsExactly("Service shop/web: spec.selector {app=api} matches no workload template in namespace shop");
        assertThat(ManifestRules.problems(parse(GOOD_DEPLOYMENT + "---\n" + GOOD_SERVICE.replace("targetPort: http", "targetPort: web"))))
                .containsExactly("Service shop/web: targetPort web is not a port of the selected pods [http=8080]");
    }

    @Test
    void theRulesCatchARoleWithAMisspeltVerbOrNoResources() {
        String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n"
                + "  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [list, delet]\n"
                + "  - apiGroups: [\"\"]\n    verbs: [get]\n";
        assertThat(ManifestRules.problems(parse(role), false)).containsExactly(
                "Role r rule 0: \"delet\" is not a Kubernetes verb: expected one of [*, bind, create, delete,"
                        + " deletecollection, escalate, get, impersonate, list, patch, update, use, watch]",
                "Role r rule 1: apiGroups and resources are required");
        assertThat(ManifestRules.problems(parse(role.replace("delet]", "delete]").replace("    verbs: [get]",
                "    resources: [pods/eviction]\n    verbs: [create]")), false)).isEmpty();
    }

    @Test
    void theRulesCatchAnUnknownKind() {
        assertThat(ManifestRules.problems(parse("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x, namespace: y}\n")))
                .containsExactly("Deploymnet y/x: kind Deploymnet of apps/v1 is not a known Kubernetes kind");
    }
}
