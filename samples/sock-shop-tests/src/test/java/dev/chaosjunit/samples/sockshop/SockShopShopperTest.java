package dev.chaosjunit.samples.sockshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.ChaosTest;
import dev.chaosjunit.assertions.ChaosAssertions;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.prometheus.PrometheusCheck;
import dev.chaosjunit.steadystate.ChaosLoad;
import dev.chaosjunit.steadystate.SteadyState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Shoppers against a real Sock Shop ({@code SOCKSHOP_URL}; {@code scripts/sockshop-up.sh} starts one on kind): the
 * steady state the Kubernetes experiments start from, held by the load driver and, with {@code PROMETHEUS_URL}, by
 * the front-end's own request metrics. How long the shoppers shop and the p99 bound come from the
 * {@code sockshop.duration} and {@code sockshop.p99} properties of this module's pom (180s, as long as the tutorial's
 * CPU attack; CI shortens it with {@code -Dsockshop.duration=20s}).
 */
@RequiresSockShop
class SockShopShopperTest {

    /** Shoppers per second (each is nine requests). */
    static final double RATE = 5;

    /** Sock Shop front-end's request histogram (prom-client), labelled service="front-end", method, path, status_code. */
    static final String FRONT_END_5XX =
            "sum(rate(http_request_duration_seconds_count{service=\"front-end\",status_code=~\"5..\"}[1m])) or vector(0)";
    static final String FRONT_END_P99 =
            "histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{service=\"front-end\"}[1m])) by (le))";

    @ChaosLoad
    static LoadDriver shoppers() {
        return Shopper.against(SockShopCondition.variable("SOCKSHOP_URL")).progress(false);
    }

    // The tutorial's verdict was "Failures 0%": no shopper may fail. The p99 bound is the SLO a user would set; on a
    // laptop's kind cluster Sock Shop answers in tens of milliseconds, far below it.
    @Test
    void shoppersShopWithoutFailures() throws InterruptedException {
        Duration duration = SockShopSettings.duration("sockshop.duration");
        Duration p99 = SockShopSettings.duration("sockshop.p99");
        LoadStats stats = shoppers().profile(LoadProfile.constantRate(RATE, duration)).run();
        assertThat(stats.count()).isPositive();
        assertThat(stats.errorsByKind()).as("failed requests by kind").isEmpty();
        assertThat(stats.dropped()).isZero();
        assertThat(stats.percentile(99)).isLessThan(p99);
    }

    // The front-end's own view over the same phases: no 5xx at all, its p99 under 2s.
    @ChaosTest
    @RequiresSockShop(prometheus = true)
    @SteadyState(load = "shoppers", rate = RATE, warmup = "5s", baseline = "20s", duration = "30s", recovery = "10s",
            maxErrorRate = 0.0)
    @PrometheusCheck(name = "front-end 5xx rate", query = FRONT_END_5XX, max = 0.0)
    @PrometheusCheck(name = "front-end p99 (s)", query = FRONT_END_P99, max = 2.0)
    void theFrontEndsOwnMetricsAgreeWithTheShoppers(ChaosRun run) throws InterruptedException {
        ChaosAssertions.assertThat(run.load().during()).hasNoErrors();
    }
}
