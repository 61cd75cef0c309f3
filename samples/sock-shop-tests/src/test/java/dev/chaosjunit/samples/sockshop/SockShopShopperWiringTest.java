package dev.chaosjunit.samples.sockshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs the real-cluster test {@link SockShopShopperTest#shoppersShopWithoutFailures} itself, unchanged, against
 * {@link FakeSockShop}: {@code SOCKSHOP_URL} and a short {@code sockshop.duration} are given as system properties for
 * the duration of the run, so its condition, settings, scenario and checks are proven without a cluster.
 */
class SockShopShopperWiringTest {

    @Test
    void theRealClusterTestPassesAgainstTheFakeShop() {
        Map<String, String> properties = Map.of("SOCKSHOP_URL", "", "sockshop.duration", "2s",
                // far above a loopback answer, so only a stall of the whole machine could cross it
                "sockshop.p99", "5s");
        Map<String, String> saved = new HashMap<>();
        try (FakeSockShop shop = FakeSockShop.start()) {
            properties.forEach((k, v) -> {
                saved.put(k, System.getProperty(k));
                System.setProperty(k, k.equals("SOCKSHOP_URL") ? shop.url() : v);
            });
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectMethod(SockShopShopperTest.class, "shoppersShopWithoutFailures"))
                    .execute();
            results.testEvents().failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .ifPresent(t -> { throw new AssertionError("the real-cluster test failed against the fake shop: " + t, t); }));
            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0).skipped(0));
            assertThat(shop.orders()).isPositive();
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
