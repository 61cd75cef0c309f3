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

    private static SecondBucket bucket(long second, int ok, int errors5xx, int dropped, int lateSends, long latencyMs) {
        SecondBucket b = new SecondBucket(second);
        for (int i = 0; i < ok + errors5xx; i++) {
            b.complete(i < errors5xx ? ErrorKind.HTTP_5XX : null, latencyMs * 1_000_000L, 1_000_000L);
            b.send(i < lateSends ? 20_000_000L : 10_000L, i < lateSends);
        }
        b.dropped = dropped;
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
    void saturationNeedsMoreThanOnePercentLateSends() {
        assertThat(bucket(0, 100, 0, 0, 1, 1).saturated()).isFalse();
        assertThat(bucket(0, 100, 0, 0, 2, 1).saturated()).isTrue();
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
