package dev.chaosjunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a clear 4xx with a Toxiproxy-style body, and the server keeps serving. */
class ApiMisuseTest {
    private ToxiproxyServer server;
    private TestUpstream echo;

    @BeforeEach
    void start() {
        server = ToxiproxyServer.start();
        echo = TestUpstream.echo();
        assertThat(post("/proxies", "{\"name\":\"p\",\"upstream\":\"" + echo.address() + "\"}").statusCode())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
        echo.close();
    }

    private HttpResponse<String> post(String path, String body) {
        return Net.request(server, "POST", path, body);
    }

    private void assertError(HttpResponse<String> response, int status, String... fragments) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("status").getAsInt()).isEqualTo(status);
        assertThat(body.get("error").getAsString()).contains(fragments);
        assertThat(Net.request(server, "GET", "/version", null).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void malformedJson() {
        assertError(post("/proxies", "{\"name\": "), 400, "bad request body: malformed JSON");
        assertError(post("/proxies/p/toxics", "not json at all {"), 400, "bad request body");
        assertError(post("/proxies", ""), 400, "bad request body: expected a JSON object, got an empty body");
        assertError(post("/proxies", "[1,2]"), 400, "expected a JSON object, got [1,2]");
        assertError(post("/populate", "{\"name\":\"x\"}"), 400, "populate expects a JSON array of proxies");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"name\"=\"x\";\"upstream\"=>\"127.0.0.1:9\"}|malformed JSON",
        "{name: \"x\", upstream: \"127.0.0.1:9\"}|malformed JSON",
        "{\"name\": x, \"upstream\": \"127.0.0.1:9\"}|malformed JSON",
        "{'name': 'x', 'upstream': '127.0.0.1:9'}|malformed JSON",
        "{\"name\": \"x\", /* comment */ \"upstream\": \"127.0.0.1:9\"}|malformed JSON",
        "{\"name\": \"x\", \"upstream\": \"127.0.0.1:9\"} // trailing|malformed JSON",
        "{\"name\": \"x\", \"name\": \"y\", \"upstream\": \"127.0.0.1:9\"}|duplicate key 'name'",
        "{\"name\": \"x\", \"upstream\": \"127.0.0.1:9\"} {}|more data after the JSON value",
        "{\"name\": \"x\", \"upstream\": \"127.0.0.1:9\",}|malformed JSON",
    })
    void lenientJsonIsRefusedWith400(String body, String message) {
        assertError(post("/proxies", body), 400, "bad request body: malformed JSON", message);
        assertThat(Net.request(server, "GET", "/proxies", null).body()).as("nothing was created")
                .doesNotContain("\"x\"");
    }

    @Test
    void strictJsonStillTakesEveryValidForm() {
        assertThat(post("/proxies", " {\"name\" : \"ok\" ,\n \"upstream\":\"127.0.0.1:9\", \"enabled\": false,"
                + " \"listen\": null}\n").statusCode()).isEqualTo(201);
        assertThat(post("/proxies/p/toxics", "{\"type\":\"latency\",\"toxicity\":5e-1,"
                + "\"attributes\":{\"latency\":1.0E2}}").statusCode()).isEqualTo(200);
    }

    @Test
    void missingAndWronglyTypedProxyFields() {
        assertError(post("/proxies", "{\"upstream\":\"127.0.0.1:1\"}"), 400, "missing required field: name");
        assertError(post("/proxies", "{\"name\":\"q\"}"), 400, "missing required field: upstream", "proxy 'q'");
        assertError(post("/proxies", "{\"name\":\"q\",\"upstream\":\"nohostport\"}"), 400,
                "proxy 'q': upstream 'nohostport' must be host:port with a port from 1 to 65535");
        assertError(post("/proxies", "{\"name\":\"q\",\"upstream\":\"127.0.0.1:70000\"}"), 400,
                "'127.0.0.1:70000' must be host:port");
        assertError(post("/proxies", "{\"name\":\"q\",\"upstream\":\"127.0.0.1:1\",\"listen\":\"127.0.0.1:x\"}"), 400,
                "proxy 'q': listen '127.0.0.1:x' must be host:port with a port from 0 to 65535");
        assertError(post("/proxies", "{\"name\":\"q\",\"upstream\":\"127.0.0.1:1\",\"enabled\":\"yes\"}"), 400,
                "field 'enabled' must be true or false, got \"yes\"");
        assertError(post("/proxies", "{\"name\":5,\"upstream\":\"127.0.0.1:1\"}"), 400, "field 'name' must be a string");
        assertError(post("/proxies/p", "{\"enabled\":1}"), 400, "proxy 'p': field 'enabled' must be true or false");
    }

    @Test
    void duplicatesAndMissingNames() {
        assertError(post("/proxies", "{\"name\":\"p\",\"upstream\":\"" + echo.address() + "\"}"), 409,
                "proxy already exists: a proxy named 'p' exists");
        assertError(Net.request(server, "GET", "/proxies/nope", null), 404,
                "proxy not found: no proxy named 'nope' (proxies: p)");
        assertError(post("/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");
        assertError(Net.request(server, "GET", "/proxies/p/toxics/nope", null), 404,
                "toxic not found: proxy 'p' has no toxic 'nope' (it has no toxics)");
        assertError(Net.request(server, "DELETE", "/proxies/p/toxics/nope", null), 404, "toxic not found");
        assertThat(post("/proxies/p/toxics", "{\"type\":\"latency\"}").statusCode()).isEqualTo(200);
        assertError(post("/proxies/p/toxics", "{\"type\":\"latency\"}"), 409,
                "toxic already exists: proxy 'p' already has a toxic named 'latency_downstream'");
        assertError(post("/proxies/p/toxics/nope", "{\"toxicity\":0.5}"), 404,
                "toxic not found: proxy 'p' has no toxic 'nope' (its toxics: latency_downstream)");
    }

    @Test
    void unknownToxicTypeAndStream() {
        assertError(post("/proxies/p/toxics", "{\"type\":\"lag\"}"), 400,
                "invalid toxic type: 'lag' (valid types: latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data)");
        assertError(post("/proxies/p/toxics", "{\"attributes\":{}}"), 400, "invalid toxic type: missing field 'type'");
        assertError(post("/proxies/p/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400,
                "stream was invalid, can be either upstream or downstream: got 'sideways'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "latency|{\"latency\":-1}|attribute 'latency' must be an integer number of milliseconds from 0 to 86400000, got -1",
        "latency|{\"latency\":\"100ms\"}|attribute 'latency' must be an integer number of milliseconds from 0 to 86400000, got \"100ms\"",
        "latency|{\"jitter\":1.5}|attribute 'jitter' must be an integer number of milliseconds from 0 to 86400000, got 1.5",
        "bandwidth|{\"rate\":-5}|attribute 'rate' must be an integer number of KB/s from 0 to 10000000, got -5",
        "slow_close|{\"delay\":true}|attribute 'delay' must be an integer number of milliseconds",
        "timeout|{\"timeout\":-1}|toxic 'timeout_downstream' (type timeout): attribute 'timeout' must be",
        "reset_peer|{\"timeout\":null}|attribute 'timeout' must be an integer number of milliseconds",
        "slicer|{\"average_size\":0}|attribute 'average_size' must be an integer number of bytes from 1 to 1048576, got 0",
        "slicer|{\"size_variation\":3}|attribute 'average_size' is required",
        "slicer|{\"average_size\":10,\"size_variation\":10}|attribute 'size_variation' must be less than 'average_size' (10), got 10",
        "slicer|{\"average_size\":10,\"delay\":-3}|attribute 'delay' must be an integer number of microseconds",
        "limit_data|{\"bytes\":-1}|attribute 'bytes' must be an integer number of bytes from 0",
        "latency|{\"latancy\":100}|unknown attribute 'latancy' (valid attributes: latency, jitter)",
        "latency|[100]|'attributes' must be a JSON object, got [100]",
    })
    void badAttributes(String type, String attributes, String message) {
        HttpResponse<String> response = post("/proxies/p/toxics",
                "{\"type\":\"" + type + "\",\"attributes\":" + attributes + "}");
        assertError(response, 400, "bad request body: toxic '" + type + "_downstream' (type " + type + ")", message);
        assertThat(Net.request(server, "GET", "/proxies/p/toxics", null).body().trim()).isEqualTo("[]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"1.5", "-0.1", "\"half\"", "{}"})
    void toxicityOutside0To1(String toxicity) {
        assertError(post("/proxies/p/toxics", "{\"type\":\"latency\",\"toxicity\":" + toxicity + "}"), 400,
                "'toxicity' must be a number from 0.0 to 1.0, got " + toxicity);
        assertThat(post("/proxies/p/toxics", "{\"type\":\"latency\",\"toxicity\":0.5}").statusCode()).isEqualTo(200);
        assertError(post("/proxies/p/toxics/latency_downstream", "{\"toxicity\":" + toxicity + "}"), 400,
                "'toxicity' must be a number from 0.0 to 1.0");
        Net.request(server, "DELETE", "/proxies/p/toxics/latency_downstream", null);
    }

    @Test
    void badUpdateLeavesToxicUnchanged() {
        post("/proxies/p/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"attributes\":{\"latency\":10}}");
        assertError(post("/proxies/p/toxics/lag", "{\"attributes\":{\"latency\":-10}}"), 400,
                "toxic 'lag' (type latency): attribute 'latency' must be");
        assertThat(Net.request(server, "GET", "/proxies/p/toxics/lag", null).body()).contains("\"latency\":10");
    }

    @Test
    void listenPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            assertError(post("/proxies", "{\"name\":\"q\",\"listen\":\"" + listen + "\",\"upstream\":\"" + echo.address()
                    + "\"}"), 409, "listen address in use: proxy 'q' cannot listen on " + listen);
            assertError(Net.request(server, "GET", "/proxies/q", null), 404, "proxy not found");
            String populate = "[{\"name\":\"ok\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"},"
                    + "{\"name\":\"clash\",\"listen\":\"" + listen + "\",\"upstream\":\"" + echo.address() + "\"}]";
            HttpResponse<String> response = post("/populate", populate);
            assertError(response, 409, "proxy 'clash' cannot listen on " + listen);
            assertThat(JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("proxies"))
                    .as("proxies created before the failure are reported, as Toxiproxy does").hasSize(1);
        }
    }

    @Test
    void unknownPathsAndMethods() {
        assertError(Net.request(server, "GET", "/nothing", null), 404, "not found: there is no API path GET /nothing");
        assertError(Net.request(server, "GET", "/proxies/p/toxics/a/b", null), 404, "not found");
        assertError(Net.request(server, "PUT", "/proxies", "{}"), 405, "method not allowed: PUT (allowed here: GET, POST)");
        assertError(Net.request(server, "DELETE", "/reset", null), 405, "method not allowed: DELETE");
        assertError(Net.request(server, "POST", "/version", null), 405, "allowed here: GET");
    }

    @Test
    void refusedUpstreamClosesClientCleanlyAndServerKeepsServing() throws Exception {
        int closedPort = Net.freePort();
        ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
        Proxy proxy = client.createProxy("dead", "127.0.0.1:0", "127.0.0.1:" + closedPort);
        for (int i = 0; i < 20; i++) {
            try (Socket socket = Net.connect(proxy.getListen())) {
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
        Proxy alive = client.getProxy("p");
        try (Socket socket = Net.connect(alive.getListen())) {
            Net.roundTripMillis(socket);
        }
        assertThat(client.getProxies()).hasSize(2);
    }

    @Test
    void clientSeesErrorsAsIoExceptionsWithStatusAndText() throws IOException {
        ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
        assertThatThrownBy(() -> client.createProxy("p", "127.0.0.1:0", echo.address()))
                .isInstanceOf(IOException.class).hasMessageContaining("[409] proxy already exists");
        Proxy proxy = client.getProxy("p");
        assertThatThrownBy(() -> proxy.toxics().latency("neg", ToxicDirection.DOWNSTREAM, -5))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("[400] bad request body: toxic 'neg' (type latency): attribute 'latency'");
    }
}
