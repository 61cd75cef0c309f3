package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineAndProgressLineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    /** {@code lateSends} of the requests sent 20ms late by the driver itself; the loop waited 90% of the second. */
    private static SecondBucket bucket(long second, int ok, int errors5xx, int dropped, int lateSends, long latencyMs) {
        SecondBucket b = new SecondBucket(second);
        for (int i = 0; i < ok + errors5xx; i++) {
            long lag = i < lateSends ? 20_000_000L : 10_000L;
            b.complete(i < errors5xx ? ErrorKind.HTTP_5XX : null, latencyMs * 1_000_000L, 1_000_000L, lag);
            b.send(lag);
        }
        b.dropped = dropped;
        b.waitedNanos = 900_000_000L;
        return b;
    }

    @Test
    void windowsTakeTheSecondsWhoseMidpointIsInside() {
        Timeline t = new Timeline(T0, 0, 2);
        for (int s = 0; s < 4; s++) {
            t.publish(0, bucket(s, 100, 0, 0, 0, s + 1));
            t.publish(1, bucket(s, 100, 0, 0, 0, s + 1));
        }
        assertThat(t.completeThrough()).isEqualTo(3);
        LoadStats w = t.window(T0.plusMillis(400), T0.plusMillis(2600)); // midpoints 0.5, 1.5, 2.5
        assertThat(w.count()).isEqualTo(600);
        assertThat(w.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(w.throughput()).isEqualTo(200.0);
        assertThat(t.window(T0.plusMillis(600), T0.plusMillis(1400)).count()).isZero(); // no midpoint inside
        assertThat(w.max()).isBetween(Duration.ofNanos(2_970_000), Duration.ofNanos(3_030_000)); // 2 significant digits
        assertThat(t.total().count()).isEqualTo(800);
    }

    @Test
    void saturationNeedsMoreThanOnePercentDriverBoundRequests() {
        assertThat(bucket(0, 100, 0, 0, 1, 1).saturated()).isFalse();
        assertThat(bucket(0, 100, 0, 0, 2, 1).saturated()).isTrue();
        // 20ms of driver lag on a 150ms response is not what made that number
        assertThat(bucket(0, 100, 0, 0, 50, 150).saturated()).isFalse();
    }

    @Test
    void theRulesFromNumbers() {
        assertThat(Saturation.driverBound(10_000_000L, 12_000_000L)).as("at the floor").isFalse();
        assertThat(Saturation.driverBound(10_000_001L, 12_000_000L)).isTrue();
        assertThat(Saturation.driverBound(60_000_000L, 120_000_000L)).as("half, not more").isFalse();
        assertThat(Saturation.driverBound(60_000_000L, 119_000_000L)).isTrue();
        assertThat(Saturation.tooManyDriverBound(100, 1)).isFalse();
        assertThat(Saturation.tooManyDriverBound(100, 2)).isTrue();
        assertThat(Saturation.tooManyDriverBound(0, 0)).isFalse();
        assertThat(Saturation.loopBusy(99_000_000L, 1_000_000_000L)).isTrue();
        assertThat(Saturation.loopBusy(100_000_000L, 1_000_000_000L)).isFalse();
        assertThat(Saturation.loopBusy(0, 400_000_000L)).as("a cut-short last second").isFalse();
    }

    @Test
    void aWindowJudgesItsDriverBoundShareOverAllItsSeconds() {
        Timeline t = new Timeline(T0, 0, 1);
        t.publish(0, bucket(0, 100, 0, 0, 2, 1));   // 2% alone
        t.publish(0, bucket(1, 100, 0, 0, 0, 1));
        t.publish(0, bucket(2, 100, 0, 0, 0, 1));
        assertThat(t.window(T0, T0.plusSeconds(1)).saturated()).isTrue();
        assertThat(t.window(T0, T0.plusSeconds(3)).saturated()).as("2 of 300").isFalse();
        SecondBucket busy = bucket(3, 100, 0, 0, 0, 1);
        busy.waitedNanos = 0;
        t.publish(0, busy);
        assertThat(t.window(T0, T0.plusSeconds(4)).saturated()).as("a second the loop never waited").isTrue();
    }

    @Test
    void aSecondWithNothingCompletedSaysSoInsteadOfAZeroP99() {
        Timeline t = new Timeline(T0, 0, 1);
        SecondBucket b = bucket(0, 0, 0, 0, 0, 1);
        b.send(10_000L);
        t.publish(0, b);
        assertThat(ProgressLine.format("during", 0, t.window(T0, T0.plusSeconds(1)),
                LoadProfile.constantRate(40, "10s")))
                .isEqualTo("chaos-load [during] 1s: 0/40 req/s, errors 0, dropped 0, no responses");
    }

    @Test
    void progressLineShowsRateErrorsDropsP99AndSaturation() {
        Timeline t = new Timeline(T0, 0, 1);
        t.publish(0, bucket(0, 97, 3, 2, 5, 2));
        String line = ProgressLine.format("during", 0, t.window(T0, T0.plusSeconds(1)),
                LoadProfile.constantRate(100, "10s"));
        assertThat(line).isEqualTo("chaos-load [during] 1s: 100/100 req/s, errors 3 (3.00%: http_5xx=3), dropped 2,"
                + " p99 2.01ms, SATURATED (lag p99 20.10ms)"); // histogram buckets: 2 significant digits
        t = new Timeline(T0, 0, 1);
        t.publish(0, bucket(0, 40, 0, 0, 0, 1));
        assertThat(ProgressLine.format("load", 0, t.window(T0, T0.plusSeconds(1)), LoadProfile.closed(4, "5s")))
                .matches("chaos-load \\[load] 1s: 40 req/s \\(4 users\\), errors 0, dropped 0, p99 1\\.0\\dms");
    }
}
