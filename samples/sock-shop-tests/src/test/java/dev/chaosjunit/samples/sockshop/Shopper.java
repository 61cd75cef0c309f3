package dev.chaosjunit.samples.sockshop;

import dev.chaosjunit.load.Capture;
import dev.chaosjunit.load.Check;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.load.Scenario;

/**
 * The Sock Shop shopper of the Locust file the Sock Shop tutorials use, as a load-driver scenario: every task reads
 * the catalogue (and keeps the first sock's id), opens the front page, logs in as {@code user}/{@code password},
 * opens the category and the sock's detail page, empties the cart, adds the sock, opens the basket and places an
 * order. Each request checks its answer (the statuses Sock Shop's front-end gives); a failed one ends its task, so an
 * error anywhere is one failed shopper, as in Locust.
 */
public final class Shopper {

    /** The demo's seeded customer (it has an address and a card, so orders go through). */
    public static final String USER = "user";
    public static final String PASSWORD = "password";

    private Shopper() {
    }

    /** The scenario. */
    public static Scenario scenario() {
        return Scenario.named("sock-shop shopper").task("shop", 1,
                Request.get("/catalogue").named("catalogue")
                        .check(Check.status(200))
                        .capture(Capture.jsonField("itemId", "[0].id")),
                Request.get("/").named("front page")
                        .check(Check.status(200), Check.bodyContains("WeaveSocks")),
                Request.get("/login").named("login")
                        .basicAuth(USER, PASSWORD)
                        .check(Check.status(200)),
                Request.get("/category.html").named("category")
                        .check(Check.status(200)),
                Request.get("/detail.html?id=${itemId}").named("detail")
                        .check(Check.status(200)),
                Request.delete("/cart").named("empty cart")
                        .check(Check.status(202)),
                Request.post("/cart").named("add to cart")
                        .jsonBody("{\"id\":\"${itemId}\",\"quantity\":1}")
                        .check(Check.status(201)),
                Request.get("/basket.html").named("basket")
                        .check(Check.status(200)),
                Request.post("/orders").named("place order")
                        .check(Check.status(201), Check.bodyContains("\"total\"")));
    }

    /** A load driver of shoppers against {@code baseUrl} (for example {@code SOCKSHOP_URL}). */
    public static LoadDriver against(String baseUrl) {
        return LoadDriver.target(baseUrl).scenario(scenario()).label("shoppers");
    }
}
