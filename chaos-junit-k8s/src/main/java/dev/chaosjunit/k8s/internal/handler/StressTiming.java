package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;

import java.time.Duration;

/** Faults that end by themselves need a known length: the schedule's duration, or else the chaos window. */
final class StressTiming {

    private StressTiming() {
    }

    static Schedule schedule(ResolveContext ctx, String after, String duration, String every) {
        Schedule s = ctx.schedule(after, duration, every);
        if (s.duration().isPresent()) {
            ctx.duration("duration", duration, Duration.ofSeconds(1));
            return s;
        }
        Duration window = ctx.window().orElseThrow(() -> ctx.invalid("duration", duration, "is needed: this fault"
                + " ends by itself after its duration (it cannot be stopped through the API), so give one such as"
                + " \"30s\", or a chaos window (@ChaosTest(window = ...))"));
        return Schedule.of(s.after(), window.minus(s.after()).isNegative() || window.minus(s.after()).isZero()
                ? Duration.ofSeconds(1) : window.minus(s.after()), null);
    }

    static Duration length(Schedule s) {
        return s.duration().orElseThrow();
    }
}
