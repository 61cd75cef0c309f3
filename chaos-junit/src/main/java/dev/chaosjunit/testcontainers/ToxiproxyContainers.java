package dev.chaosjunit.testcontainers;

import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.ToxiproxyBackend;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

/**
 * Uses a Testcontainers {@link ToxiproxyContainer} as the Toxiproxy server:
 *
 * <pre>{@code
 * @Container
 * static ToxiproxyContainer toxiproxy = new ToxiproxyContainer("ghcr.io/shopify/toxiproxy:2.12.0").withNetwork(network);
 *
 * @RegisterExtension
 * static ChaosExtension chaos = ChaosExtension.builder()
 *         .toxiproxy(ToxiproxyContainers.backend(toxiproxy))
 *         .proxy("payments", "payments:8080")       // as seen from inside the container network
 *         .build();
 * }</pre>
 *
 * <p>testcontainers-toxiproxy is an optional dependency of chaos-junit; only this package touches it, so the rest of
 * chaos-junit loads without it. Proxies listen on the container's exposed ports 8666 to 8697 (at most 32 proxies
 * per container) and are reached through the mapped ports.
 */
public final class ToxiproxyContainers {

    /** The first of the ports a {@link ToxiproxyContainer} exposes for proxies. */
    public static final int FIRST_PROXY_PORT = 8666;
    /** How many proxy ports a {@link ToxiproxyContainer} exposes. */
    public static final int PROXY_PORTS = 32;

    private ToxiproxyContainers() {
    }

    /** A backend for a started container. */
    public static ToxiproxyBackend backend(ToxiproxyContainer container) {
        if (!container.isRunning()) {
            throw new IllegalStateException("the ToxiproxyContainer is not running: start it (or annotate it with "
                    + "@Container) before chaos-junit uses it");
        }
        return new ContainerBackend(container);
    }

    private static final class ContainerBackend implements ToxiproxyBackend {
        private final ToxiproxyContainer container;
        private final ToxiproxyClient client;
        private final AtomicInteger next = new AtomicInteger();

        ContainerBackend(ToxiproxyContainer container) {
            this.container = container;
            this.client = new ToxiproxyClient(container.getHost(), container.getControlPort());
        }

        @Override
        public ToxiproxyClient client() {
            return client;
        }

        @Override
        public String description() {
            return "Testcontainers Toxiproxy " + container.getHost() + ":" + container.getControlPort();
        }

        @Override
        public String listenFor(int index) {
            int n = next.getAndIncrement();
            if (n >= PROXY_PORTS) {
                throw new IllegalStateException("a ToxiproxyContainer exposes " + PROXY_PORTS + " proxy ports ("
                        + FIRST_PROXY_PORT + " to " + (FIRST_PROXY_PORT + PROXY_PORTS - 1) + "); this test run "
                        + "needs more proxies: use another container");
            }
            return "0.0.0.0:" + (FIRST_PROXY_PORT + n);
        }

        @Override
        public ProxyAddress reachableAt(String proxyName, String listen) {
            int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
            return new ProxyAddress(proxyName, container.getHost(), container.getMappedPort(port));
        }
    }
}
