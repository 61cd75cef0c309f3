package dev.chaosjunit.load.internal;

import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadProfile.Stage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalScheduleTest {

    private static List<Long> all(LoadProfile p, int loop, int loops) {
        ArrivalSchedule s = new ArrivalSchedule(p, loop, loops);
        List<Long> out = new ArrayList<>();
        for (long t = s.next(); t != ArrivalSchedule.END; t = s.next()) {
            out.add(t);
        }
        return out;
    }

    @Test
    void constantRateIsEvenlySpaced() {
        List<Long> t = all(LoadProfile.constantRate(10, "1s"), 0, 1);
        assertThat(t).hasSize(10);
        for (int k = 0; k < 10; k++) {
            assertThat(t.get(k)).isCloseTo(k * 100_000_000L, within(1L));
        }
    }

    @Test
    void rampFollowsTheIntegralOfTheRate() {
        // rate 0 -> 10/s over 2s: N(t) = 10 t^2 / 4, so arrival k is at t = sqrt(0.4 k) seconds; 10 arrivals in all
        List<Long> t = all(LoadProfile.ramp(0, 10, "2s"), 0, 1);
        assertThat(t).hasSize(10);
        for (int k = 0; k < 10; k++) {
            assertThat(t.get(k) / 1e9).isCloseTo(Math.sqrt(0.4 * k), within(1e-6));
        }
    }

    @Test
    void downwardRampAndStagesFollowEachOther() {
        // hold 4/s for 1s (4 arrivals at 0, .25, .5, .75), pause 1s, then ramp 10 -> 0 over 2s (10 arrivals)
        List<Long> t = all(LoadProfile.stages(Stage.hold(4, "1s"), Stage.hold(0, "1s"), Stage.ramp(10, 0, "2s")), 0, 1);
        assertThat(t).hasSize(14);
        assertThat(t.subList(0, 4)).containsExactly(0L, 250_000_000L, 500_000_000L, 750_000_000L);
        // ramp 10 -> 0 over 2s: N(t) = 10 t - 2.5 t^2; arrival n at t = 2n / (10 + sqrt(100 - 10 n))
        for (int n = 0; n < 10; n++) {
            double expected = 2.0 + (n == 0 ? 0 : 2.0 * n / (10 + Math.sqrt(100 - 10.0 * n)));
            assertThat(t.get(4 + n) / 1e9).isCloseTo(expected, within(1e-6));
        }
        assertThat(t).isSorted();
    }

    @Test
    void poissonArrivalsAreSeededAndHaveTheRightMeanRate() {
        LoadProfile p = LoadProfile.constantRate(1000, "10s").poisson(42);
        List<Long> a = all(p, 0, 1);
        assertThat(all(p, 0, 1)).isEqualTo(a);
        assertThat(all(LoadProfile.constantRate(1000, "10s").poisson(43), 0, 1)).isNotEqualTo(a);
        assertThat(a.size()).isBetween(9_700, 10_300); // Poisson(10000): sd 100
        // exponential gaps: coefficient of variation ~1 (even spacing would give 0)
        double mean = 0, sq = 0;
        for (int i = 1; i < a.size(); i++) {
            double g = (a.get(i) - a.get(i - 1)) / 1e6;
            mean += g;
            sq += g * g;
        }
        int n = a.size() - 1;
        mean /= n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertThat(mean).isCloseTo(1.0, within(0.05));
        assertThat(sd / mean).isCloseTo(1.0, within(0.1));
    }

    @Test
    void loopsSplitTheScheduleWithoutGapsOrOverlap() {
        LoadProfile p = LoadProfile.ramp(5, 50, "3s").poisson(7);
        List<Long> whole = all(p, 0, 1);
        TreeSet<Long> union = new TreeSet<>();
        int total = 0;
        for (int i = 0; i < 3; i++) {
            List<Long> part = all(p, i, 3);
            total += part.size();
            union.addAll(part);
        }
        assertThat(total).isEqualTo(whole.size());
        assertThat(new ArrayList<>(union)).isEqualTo(new ArrayList<>(new TreeSet<>(whole)));
    }
}
