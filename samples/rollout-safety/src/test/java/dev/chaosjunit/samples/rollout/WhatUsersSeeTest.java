package dev.chaosjunit.samples.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosjunit.load.Check;
import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.samples.rollout.common.Settings;
import dev.chaosjunit.samples.rollout.service1.Service1;
import dev.chaosjunit.samples.rollout.service1.Service1Config;
import dev.chaosjunit.samples.rollout.service2.Service2;
import dev.chaosjunit.samples.rollout.service2.Service2Config;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What a user of service1 sees behind each version of service2, under the load driver, without Kubernetes: the
 * versions that behave hurt nobody, the slow one fails every request. (The unhealthy version differs from v1 only in
 * its readiness, which only Kubernetes acts on; the rollout tests on a cluster cover it.)
 */
class WhatUsersSeeTest {

    private static final Request COUNT = Request.get("/").check(Check.status(200), Check.jsonEquals("svc", "service1"));

    private static LoadStats loadThrough(String version, String service1Timeout) throws InterruptedException {
        try (Service2 s2 = Service2.startOnLoopback(Service2Config.from(Settings.of(
                     Map.of("SERVICE2_VERSION", version, "SERVICE2_SLOW_DELAY", "3s"))));
             Service1 s1 = Service1.startOnLoopback(Service1Config.from(Settings.of(
                     Map.of("SERVICE2_URL", s2.url(), "SERVICE2_TIMEOUT", service1Timeout))))) {
            return LoadDriver.target(s1.url()).request(COUNT).profile(LoadProfile.constantRate(20, "1s"))
                    .requestTimeout("20s").progress(false).run();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void theVersionsThatBehaveHurtNobody(String version) throws InterruptedException {
        // service1 waits up to 10s here: only a stall of the whole machine that long could fail a request
        LoadStats stats = loadThrough(version, "10s");
        assertThat(stats.count()).isEqualTo(20);
        assertThat(stats.errors()).isZero();
        assertThat(stats.dropped()).isZero();
    }

    @Test
    void theSlowVersionFailsEveryUserRequest() throws InterruptedException {
        // service2 holds every request 3s, service1 gives up after 300ms: every answer is a 504
        LoadStats stats = loadThrough("v4", "300ms");
        assertThat(stats.count()).isEqualTo(20);
        assertThat(stats.errorsByKind()).isEqualTo(Map.of(ErrorKind.HTTP_5XX, 20L));
    }
}
