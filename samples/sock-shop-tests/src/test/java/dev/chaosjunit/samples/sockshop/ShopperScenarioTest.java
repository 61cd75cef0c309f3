package dev.chaosjunit.samples.sockshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.load.Scenario;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shopper scenario proven without a cluster, against {@link FakeSockShop} on loopback: every shopper gets to an
 * order (so the session, the login cookie, the captured item id and every check work), and a failure at any step is
 * counted and stops that shopper.
 */
class ShopperScenarioTest {

    private static final int REQUESTS_PER_SHOPPER = 9;

    @Test
    void theScenarioFollowsTheLocustShopperStepByStep() {
        Scenario scenario = Shopper.scenario();
        assertThat(scenario.tasks()).hasSize(1);
        List<String> steps = scenario.tasks().get(0).requests().stream()
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toList());
        assertThat(steps).containsExactly("GET /catalogue", "GET /", "GET /login", "GET /category.html",
                "GET /detail.html?id=${itemId}", "DELETE /cart", "POST /cart", "GET /basket.html", "POST /orders");
        assertThat(scenario.tasks().get(0).requests()).allSatisfy(r -> assertThat(r.checks()).isNotEmpty());
        Request login = scenario.tasks().get(0).requests().get(2);
        assertThat(login.headers()).anySatisfy(h -> assertThat(h).containsExactly("Authorization", "Basic dXNlcjpwYXNzd29yZA=="));
    }

    @Test
    void everyShopperBrowsesLogsInFillsTheCartAndOrders() throws InterruptedException {
        LoadProfile profile = LoadProfile.constantRate(5, "2s");
        long shoppers = Math.round(profile.expectedArrivals());
        try (FakeSockShop shop = FakeSockShop.start()) {
            LoadStats stats = Shopper.against(shop.url()).profile(profile).requestTimeout("20s").progress(false).run();
            assertThat(stats.errorsByKind()).isEmpty();
            assertThat(stats.dropped()).isZero();
            assertThat(stats.count()).isEqualTo(shoppers * REQUESTS_PER_SHOPPER);
            assertThat(shop.orders()).isEqualTo(shoppers);
        }
    }

    @Test
    void aRefusedLoginFailsEveryShopperThereAndNoOrderIsPlaced() throws InterruptedException {
        LoadProfile profile = LoadProfile.constantRate(5, "1s");
        long shoppers = Math.round(profile.expectedArrivals());
        try (FakeSockShop shop = FakeSockShop.withPassword("not-the-demo-password")) {
            LoadStats stats = Shopper.against(shop.url()).profile(profile).requestTimeout("20s").progress(false).run();
            // catalogue and front page pass, the login is the shopper's last request
            assertThat(stats.count()).isEqualTo(shoppers * 3);
            assertThat(stats.errorsByKind()).isEqualTo(Map.of(ErrorKind.HTTP_4XX, shoppers));
            assertThat(shop.orders()).isZero();
        }
    }
}
