package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Upstream names are looked up off the event loops and outside the server's lock: a lookup that hangs (a DNS
 * server that does not answer, here a lookup that waits until the test lets it go) delays only the connections to
 * that name. Before the change the name was looked up at create time under the server lock and on the proxy's
 * event loop for each connection, so these calls waited for the lookup; here the lookup is held for as long as
 * the test runs its checks (each check has a 10 s bound and would wait for ever without the change).
 */
class UpstreamLookupTest {

    @Test
    void aHangingLookupDelaysOnlyItsOwnConnections() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch lookupStarted = new CountDownLatch(1);
        try (TestUpstream echo = TestUpstream.echo();
                ToxiproxyServer server = ToxiproxyServer.builder().eventLoops(1).lookup(host -> {
                    if (host.equals("slow.test")) {
                        lookupStarted.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new UnknownHostException("interrupted");
                        }
                        return InetAddress.getLoopbackAddress();
                    }
                    return InetAddress.getByName(host);
                }).build().startServer()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy slow = client.createProxy("slow", "127.0.0.1:0", "slow.test:" + echo.port());
            Proxy fast = client.createProxy("fast", "127.0.0.1:0", echo.address());
            try (Socket waiting = Net.connect(slow.getListen())) {
                waiting.getOutputStream().write('x');
                assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).as("the lookup started").isTrue();
                // The same (single) event loop still serves the other proxy, and the API's lock is free.
                try (Socket other = Net.connect(fast.getListen())) {
                    assertThat(Net.roundTripMillis(other)).isLessThan(10_000);
                }
                client.createProxy("third", "127.0.0.1:0", "other.slow.test.invalid:1");
                assertThat(client.getProxies()).hasSize(3);
                release.countDown();
                assertThat(waiting.getInputStream().read()).as("connected once the name resolved").isEqualTo('x');
            }
        }
    }

    @Test
    void aNameThatDoesNotResolveClosesTheClientAndTheProxyKeepsWorking() throws Exception {
        try (TestUpstream echo = TestUpstream.echo();
                ToxiproxyServer server = ToxiproxyServer.builder().lookup(host -> {
                    if (host.endsWith(".invalid")) {
                        throw new UnknownHostException(host);
                    }
                    return InetAddress.getByName(host);
                }).build().startServer()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            Proxy proxy = client.createProxy("nowhere", "127.0.0.1:0", "nowhere.invalid:80");
            try (Socket socket = Net.connect(proxy.getListen())) {
                assertThat(socket.getInputStream().read()).as("closed, as Toxiproxy closes it").isEqualTo(-1);
            }
            proxy.setUpstream(echo.address());
            try (Socket socket = Net.connect(proxy.getListen())) {
                assertThat(Net.roundTripMillis(socket)).isLessThan(10_000);
            }
        }
    }
}
