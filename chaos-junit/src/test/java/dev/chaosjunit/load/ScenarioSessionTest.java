package dev.chaosjunit.load;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sock Shop user of the source documents against a small shop that enforces sessions: login, browse, cart, order. */
class ScenarioSessionTest {

    private TestServer shop;
    private final Map<String, String> lastItemOfSession = new ConcurrentHashMap<>();
    private final Map<String, Integer> cartOfSession = new ConcurrentHashMap<>();
    private final AtomicInteger items = new AtomicInteger();

    static Scenario sockShopUser(String password) {
        return Scenario.named("sock-shop user")
                .onStart(Request.get("/login").basicAuth("user", password).check(Check.status(200)))
                .task("browse", 6, Request.get("/catalogue").capture(Capture.jsonField("itemId", "[0].id")))
                .task("buy", 2,
                        Request.get("/catalogue").capture(Capture.jsonField("itemId", "[0].id")),
                        Request.post("/cart").jsonBody("{\"id\":\"${itemId}\"}").check(Check.status(201)),
                        Request.post("/orders").check(Check.status(201), Check.jsonEquals("status", "created")));
    }

    @BeforeEach
    void startShop() throws IOException {
        String good = "Basic " + Base64.getEncoder().encodeToString("user:password".getBytes(StandardCharsets.UTF_8));
        AtomicInteger sessions = new AtomicInteger();
        shop = new TestServer()
                .handle("/login", ex -> {
                    if (good.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                        ex.getResponseHeaders().add("Set-Cookie", "logged_in=s" + sessions.incrementAndGet() + "; Path=/; HttpOnly");
                        TestServer.respond(ex, 200, "");
                    } else {
                        TestServer.respond(ex, 401, "bad credentials");
                    }
                })
                .handle("/catalogue", ex -> {
                    String session = session(ex);
                    if (session == null) {
                        TestServer.respond(ex, 401, "login first");
                        return;
                    }
                    String id = "sock-" + items.incrementAndGet();
                    lastItemOfSession.put(session, id);
                    TestServer.respond(ex, 200, "[{\"id\":\"" + id + "\",\"price\":9.99}]");
                })
                .handle("/cart", ex -> {
                    String session = session(ex);
                    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (session == null || !body.equals("{\"id\":\"" + lastItemOfSession.get(session) + "\"}")) {
                        TestServer.respond(ex, 400, "unknown item " + body);
                        return;
                    }
                    cartOfSession.merge(session, 1, Integer::sum);
                    TestServer.respond(ex, 201, "");
                })
                .handle("/orders", ex -> {
                    String session = session(ex);
                    if (session == null || cartOfSession.getOrDefault(session, 0) == 0) {
                        TestServer.respond(ex, 406, "{\"status\":\"empty cart\"}");
                        return;
                    }
                    cartOfSession.put(session, 0);
                    TestServer.respond(ex, 201, "{\"status\":\"created\"}");
                });
    }

    private static String session(HttpExchange ex) {
        String cookie = ex.getRequestHeaders().getFirst("Cookie");
        if (cookie == null) {
            return null;
        }
        for (String part : cookie.split(";\\s*")) {
            if (part.startsWith("logged_in=")) {
                return part.substring("logged_in=".length());
            }
        }
        return null;
    }

    @AfterEach
    void stopShop() throws InterruptedException {
        shop.close();
    }

    @Test
    void openModelUserLogsInOncePerSessionAndCarriesCookiesAndCapturedValues() throws Exception {
        LoadStats s = LoadDriver.target(shop.url("/")).progress(false).seed(11).maxConnections(4).dropAfter("5s")
                .scenario(sockShopUser("password")).profile(LoadProfile.constantRate(100, "1500ms")).run();
        assertThat(s.errors()).as("errors %s", s.errorsByKind()).isZero();
        assertThat(s.dropped()).as("%s", s).isZero();
        assertThat(shop.hits("/login")).isBetween(1, 4); // one session per connection
        int buys = shop.hits("/cart");
        int browses = shop.hits("/catalogue") - buys;
        assertThat(buys + browses).isEqualTo(150);
        assertThat(shop.hits("/orders")).isEqualTo(buys);
        // weights 6:2 -> a quarter of the tasks are buys (150 draws: mean 37.5, sd 5.3)
        assertThat(buys).isBetween(20, 56);
        assertThat(s.count()).isEqualTo(shop.hits("/login") + shop.hits("/catalogue") + 2L * buys);
    }

    @Test
    void closedModelUsersEachHaveTheirOwnSession() throws Exception {
        LoadStats s = LoadDriver.target(shop.url("/")).progress(false).seed(5).scenario(sockShopUser("password"))
                .profile(LoadProfile.closed(3, "1s").withThinkTime(ThinkTime.between("5ms", "15ms"))).run();
        assertThat(s.errors()).as("errors %s", s.errorsByKind()).isZero();
        assertThat(shop.hits("/login")).isEqualTo(3);
        assertThat(shop.hits("/orders")).isPositive();
    }

    @Test
    void aFailedLoginIsAnErrorAndNoTaskRunsWithoutIt() throws Exception {
        LoadStats s = LoadDriver.target(shop.url("/")).progress(false).maxConnections(2)
                .scenario(sockShopUser("wrong")).profile(LoadProfile.constantRate(50, "1s")).run();
        assertThat(s.count()).isEqualTo(50);
        assertThat(s.errorsByKind()).containsOnlyKeys(ErrorKind.HTTP_4XX);
        assertThat(shop.hits("/login")).isEqualTo(50);
        assertThat(shop.hits("/catalogue")).isZero();
    }

    @Test
    void aValueThatWasNeverCapturedFailsTheRequestWithoutSendingIt() throws Exception {
        Scenario s = Scenario.named("no capture").task("cart", 1, Request.post("/cart").body("${itemId}"));
        LoadStats st = LoadDriver.target(shop.url("/")).progress(false).scenario(s)
                .profile(LoadProfile.constantRate(20, "1s")).run();
        assertThat(st.errorsByKind()).containsEntry(ErrorKind.CHECK_FAILED, 20L);
        assertThat(shop.hits("/cart")).isZero();
    }
}
