package dev.chaosjunit.testing;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultRuntime;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** The test-only {@link FaultHandler} proving the SPI: {@link Recorded} names it with {@code @ChaosFault}. */
public final class RecordedFaultHandler implements FaultHandler<Recorded> {


    @Override
    public String describe(Recorded a) {
        return "name = \"" + a.name() + "\"";
    }

    @Override
    public Set<String> sharedResources(Recorded a) {
        return Set.of("test.recorded." + a.name());
    }

    @Override
    public FaultSpec resolve(Recorded a, ResolveContext ctx) {
        String name = ctx.requiredString("name", a.name(), "a name such as \"a\"");
        Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
        return new Spec(name, schedule, a.failInject(), a.failRevert());
    }

    private static final class Spec implements FaultSpec {
        private final String name;
        private final Schedule schedule;
        private final boolean failInject;
        private final boolean failRevert;

        Spec(String name, Schedule schedule, boolean failInject, boolean failRevert) {
            this.name = name;
            this.schedule = schedule;
            this.failInject = failInject;
            this.failRevert = failRevert;
        }

        @Override
        public String kind() {
            return "recorded";
        }

        @Override
        public String target() {
            return name;
        }

        @Override
        public Schedule schedule() {
            return schedule;
        }

        @Override
        public Map<String, Object> attributes() {
            return Map.of("name", name);
        }

        @Override
        public Set<String> exclusiveKeys() {
            return Set.of("recorder \"" + name + "\"");
        }

        @Override
        public ActiveFault inject(FaultRuntime runtime) {
            if (failInject) {
                FaultLog.add("inject-failed", name, runtime.name());
                throw new IllegalStateException("recorder " + name + " refuses to start");
            }
            String instance = runtime.name();
            FaultLog.add("inject", name, instance);
            AtomicBoolean failedOnce = new AtomicBoolean();
            return () -> {
                if (failRevert && failedOnce.compareAndSet(false, true)) {
                    FaultLog.add("revert-failed", name, instance);
                    throw new IllegalStateException("recorder " + name + " refuses to stop");
                }
                FaultLog.add("revert", name, instance);
            };
        }
    }
}
