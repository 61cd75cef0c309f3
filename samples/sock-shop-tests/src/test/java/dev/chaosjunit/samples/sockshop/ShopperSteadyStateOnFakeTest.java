package dev.chaosjunit.samples.sockshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.assertions.ChaosAssertions;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.steadystate.ChaosLoad;
import dev.chaosjunit.steadystate.SteadyState;
import org.junit.jupiter.api.AfterAll;

/**
 * The shopper as the steady-state load of a chaos test, cluster-free: the same wiring as {@link SockShopShopperTest}
 * (a {@code @ChaosLoad} of shoppers judged by {@code @SteadyState}), against {@link FakeSockShop}.
 */
class ShopperSteadyStateOnFakeTest {

    static final FakeSockShop SHOP = FakeSockShop.start();

    @AfterAll
    static void stopShop() {
        SHOP.close();
    }

    @ChaosLoad
    static LoadDriver shoppers() {
        return Shopper.against(SHOP.url()).requestTimeout("20s").progress(false);
    }

    // no fault: this proves the wiring; maxErrorRate 0 is exact, the fake answers every step of every shopper
    @ChaosTest
    @SteadyState(load = "shoppers", rate = 5, warmup = "1s", baseline = "2s", duration = "2s", recovery = "1s",
            maxErrorRate = 0.0)
    void shoppersHoldTheSteadyStateOfTheFakeShop(ChaosRun run) throws InterruptedException {
        ChaosAssertions.assertThat(run.load().during()).hasNoErrors().hasNoDrops();
        assertThat(SHOP.orders()).isPositive();
    }
}
