package dev.chaosjunit.k8s.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Objects for the mock server's store. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A running pod, ready or not, with {@code labels}. */
    public static Pod pod(String namespace, String name, Map<String, String> labels, boolean ready) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example/app:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().addNewContainerStatus().withName("app")
                .withRestartCount(0).withReady(ready).endContainerStatus().endStatus().build();
    }

    /** Creates {@code count} ready pods {@code prefix-0..} with {@code labels}; returns them as stored. */
    public static List<Pod> createPods(KubernetesClient client, String namespace, String prefix, int count,
            Map<String, String> labels) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> l = new java.util.HashMap<>(labels);
            l.put("pod", prefix + "-" + i);
            out.add(client.pods().inNamespace(namespace).resource(pod(namespace, prefix + "-" + i, l, true)).create());
        }
        return out;
    }
}
