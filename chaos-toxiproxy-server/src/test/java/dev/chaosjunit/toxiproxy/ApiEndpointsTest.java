package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint, driven through the real toxiproxy-java client (and raw HTTP where the client has no call). */
class ApiEndpointsTest {
    private ToxiproxyServer server;
    private ToxiproxyClient client;
    private TestUpstream echo;

    @BeforeEach
    void start() {
        server = ToxiproxyServer.builder().seed(42).build().startServer();
        client = new ToxiproxyClient(server.host(), server.port());
        echo = TestUpstream.echo();
    }

    @AfterEach
    void stop() {
        server.close();
        echo.close();
    }

    @Test
    void urlHostAndPortDescribeTheApi() throws IOException {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(client.version()).as("a Toxiproxy version clients know").isEqualTo("2.5.0")
                .isEqualTo(ToxiproxyServer.TOXIPROXY_VERSION);
    }

    @Test
    void createListShowAndForward() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

        assertThat(proxy.getName()).isEqualTo("echo");
        assertThat(proxy.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
        assertThat(proxy.getUpstream()).isEqualTo(echo.address());
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo");
        assertThat(client.getProxy("echo").getListen()).isEqualTo(proxy.getListen());
        try (Socket socket = Net.connect(proxy.getListen())) {
            assertThat(Net.roundTripMillis(socket)).isLessThan(1000);
        }
    }

    @Test
    void createAnswers201WithToxicsArrayAndListIsKeyedByName() {
        HttpResponse<String> created = Net.request(server, "POST", "/proxies",
                "{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = JsonParser.parseString(created.body()).getAsJsonObject();
        assertThat(body.get("toxics").isJsonArray()).isTrue();
        assertThat(body.get("enabled").getAsBoolean()).isTrue();
        HttpResponse<String> list = Net.request(server, "GET", "/proxies", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(list.body()).getAsJsonObject().getAsJsonObject("a").get("name").getAsString())
                .isEqualTo("a");
    }

    @Test
    void disableClosesListenerAndLiveConnectionsAndEnableReopensSamePort() throws Exception {
        // re-enabled below: a port no outgoing connection can take meanwhile (see Net)
        Proxy proxy = client.createProxy("echo", "127.0.0.1:" + Net.freePortBelowEphemeralRange(), echo.address());
        String listen = proxy.getListen();
        try (Socket live = Net.connect(listen)) {
            Net.roundTripMillis(live);
            proxy.disable();
            assertThat(proxy.isEnabled()).isFalse();
            assertThat(live.getInputStream().read()).as("live connection closed").isEqualTo(-1);
        }
        assertThatThrownBy(() -> Net.connect(listen).close()).isInstanceOf(ConnectException.class);

        proxy.enable();
        assertThat(proxy.getListen()).isEqualTo(listen);
        try (Socket again = Net.connect(listen)) {
            Net.roundTripMillis(again);
        }
    }

    @Test
    void changingUpstreamSendsNewConnectionsToTheNewServer() throws Exception {
        try (TestUpstream hello = TestUpstream.sending("hello".getBytes())) {
            Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
            proxy.setUpstream(hello.address());
            assertThat(proxy.getUpstream()).isEqualTo(hello.address());
            try (Socket socket = Net.connect(proxy.getListen())) {
                assertThat(new String(Net.readAll(socket.getInputStream()))).isEqualTo("hello");
            }
        }
    }

    @Test
    void changingListenMovesTheListener() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        String old = proxy.getListen();
        int port = Net.freePort();
        proxy.setListen("127.0.0.1:" + port);
        assertThat(proxy.getListen()).isEqualTo("127.0.0.1:" + port);
        try (Socket socket = Net.connect(proxy.getListen())) {
            Net.roundTripMillis(socket);
        }
        assertThatThrownBy(() -> Net.connect(old).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void deleteRemovesProxyClosesListenerAndConnections() throws Exception {
        Proxy proxy = client.createProxy("gone", "127.0.0.1:0", echo.address());
        try (Socket live = Net.connect(proxy.getListen())) {
            Net.roundTripMillis(live);
            proxy.delete();
            assertThat(live.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(client.getProxies()).isEmpty();
        assertThat(client.getProxyOrNull("gone")).isNull();
        assertThatThrownBy(() -> Net.connect(proxy.getListen()).close()).isInstanceOf(ConnectException.class);
        assertThat(Net.request(server, "DELETE", "/proxies/gone", null).statusCode()).isEqualTo(404);
    }

    @Test
    void toxicsCreateListShowUpdateDelete() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        Latency latency = proxy.toxics().latency("lag", ToxicDirection.UPSTREAM, 120);
        assertThat(latency.getLatency()).isEqualTo(120);
        assertThat(latency.getJitter()).isZero();
        assertThat(latency.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(latency.getToxicity()).isEqualTo(1f);
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100);

        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("lag", "cap");
        latency.setJitter(15).setLatency(200);
        Latency shown = proxy.toxics().get("lag", Latency.class);
        assertThat(shown.getLatency()).isEqualTo(200);
        assertThat(shown.getJitter()).isEqualTo(15);
        shown.setToxicity(0.25f);
        assertThat(proxy.toxics().get("lag").getToxicity()).isEqualTo(0.25f);

        proxy.toxics().get("cap", LimitData.class).remove();
        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("lag");
        assertThat(client.getProxy("p").toxics().getAll()).hasSize(1);
        assertThatThrownBy(() -> proxy.toxics().get("cap")).isInstanceOf(IOException.class)
                .hasMessageContaining("[404] toxic not found");
    }

    @Test
    void defaultToxicNameIsTypeUnderscoreStreamAndDefaultsMatchToxiproxy() {
        client.toString();
        Net.request(server, "POST", "/proxies", "{\"name\":\"p\",\"upstream\":\"" + echo.address() + "\"}");
        HttpResponse<String> created = Net.request(server, "POST", "/proxies/p/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
        assertThat(created.statusCode()).isEqualTo(200);
        JsonObject toxic = JsonParser.parseString(created.body()).getAsJsonObject();
        assertThat(toxic.get("name").getAsString()).isEqualTo("latency_downstream");
        assertThat(toxic.get("stream").getAsString()).isEqualTo("downstream");
        assertThat(toxic.get("toxicity").getAsFloat()).isEqualTo(1f);
        assertThat(toxic.getAsJsonObject("attributes").get("jitter").getAsLong()).isZero();

        HttpResponse<String> upstream = Net.request(server, "POST", "/proxies/p/toxics",
                "{\"type\":\"slicer\",\"stream\":\"UPSTREAM\",\"attributes\":{\"average_size\":10,\"size_variation\":2}}");
        assertThat(JsonParser.parseString(upstream.body()).getAsJsonObject().get("name").getAsString())
                .isEqualTo("slicer_upstream");
        HttpResponse<String> list = Net.request(server, "GET", "/proxies/p/toxics", null);
        JsonArray array = JsonParser.parseString(list.body()).getAsJsonArray();
        assertThat(array).hasSize(2);
        assertThat(Net.request(server, "PATCH", "/proxies/p/toxics/slicer_upstream",
                "{\"attributes\":{\"delay\":7}}").body()).contains("\"delay\":7", "\"average_size\":10");
        assertThat(Net.request(server, "DELETE", "/proxies/p/toxics/slicer_upstream", null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        Proxy a = client.createProxy("a", "127.0.0.1:0", echo.address());
        // disabled, then enabled again by the reset: a port no outgoing connection can take meanwhile (see Net)
        Proxy b = client.createProxy("b", "127.0.0.1:" + Net.freePortBelowEphemeralRange(), echo.address());
        a.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 100);
        b.toxics().slicer("cut", ToxicDirection.UPSTREAM, 10, 1);
        b.disable();

        client.reset();

        List<Proxy> proxies = client.getProxies();
        assertThat(proxies).allMatch(Proxy::isEnabled);
        for (Proxy p : proxies) {
            assertThat(p.toxics().getAll()).isEmpty();
        }
        assertThat(Net.request(server, "POST", "/reset", null).statusCode()).isEqualTo(204);
    }

    @Test
    void populateCreatesKeepsAndReplaces() throws IOException {
        String body = "[{\"name\":\"one\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"},"
                + "{\"name\":\"two\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\",\"enabled\":false}]";
        HttpResponse<String> response = Net.request(server, "POST", "/populate", body);
        assertThat(response.statusCode()).isEqualTo(201);
        JsonArray proxies = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("proxies");
        assertThat(proxies).hasSize(2);
        assertThat(client.getProxy("two").isEnabled()).isFalse();
        String oneListen = client.getProxy("one").getListen();

        HttpResponse<String> again = Net.request(server, "POST", "/populate", body);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(client.getProxy("one").getListen()).as("unchanged proxy kept").isEqualTo(oneListen);
        assertThat(client.getProxies().stream().map(Proxy::getName).collect(Collectors.toList()))
                .containsExactly("one", "two");
    }

    @Test
    void closeIsIdempotentAndReleasesProxyPorts() throws Exception {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        Socket live = Net.connect(proxy.getListen());
        Net.roundTripMillis(live);
        server.close();
        server.close();
        assertThat(live.getInputStream().read()).isEqualTo(-1);
        live.close();
        assertThatThrownBy(() -> Net.connect(proxy.getListen()).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> client.getProxies()).isInstanceOf(IOException.class);
    }

    @Test
    void slicerClientCallRoundTrips() throws IOException {
        Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
        // toxiproxy-java's slicer(name, stream, averageSize, delay)
        Slicer slicer = proxy.toxics().slicer("s", ToxicDirection.DOWNSTREAM, 100, 10);
        assertThat(slicer.getAverageSize()).isEqualTo(100);
        assertThat(slicer.getDelay()).isEqualTo(10);
        slicer.setSizeVariation(20).setDelay(50);
        Slicer shown = proxy.toxics().get("s", Slicer.class);
        assertThat(shown.getSizeVariation()).isEqualTo(20);
        assertThat(shown.getDelay()).isEqualTo(50);
        assertThat(shown.getAverageSize()).isEqualTo(100);
    }
}
