package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.FaultProvider;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.fault.Schedule;
import dev.chaosjunit.network.InjectLatency;
import dev.chaosjunit.network.LimitBandwidth;
import dev.chaosjunit.network.LimitData;
import dev.chaosjunit.network.ResetPeer;
import dev.chaosjunit.network.SliceData;
import dev.chaosjunit.network.SlowClose;
import dev.chaosjunit.network.TakeDown;
import dev.chaosjunit.network.TimeoutConnections;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@link FaultProvider}s of the network fault annotations, registered in META-INF/services. */
public final class NetworkFaultProviders {

    /** Lock key prefix: tests using the same proxy name never run their faults concurrently. */
    public static final String LOCK_PREFIX = "chaos-junit.proxy.";

    private NetworkFaultProviders() {
    }

    /** Shared parts of the network providers. */
    abstract static class Base<A extends Annotation> implements FaultProvider<A> {
        private final Class<A> type;

        Base(Class<A> type) {
            this.type = type;
        }

        @Override
        public Class<A> annotationType() {
            return type;
        }

        abstract String proxyOf(A annotation);

        @Override
        public String describe(A annotation) {
            return "proxy = \"" + proxyOf(annotation) + "\"";
        }

        @Override
        public Set<String> sharedResources(A annotation) {
            return Set.of(LOCK_PREFIX + proxyOf(annotation));
        }

        String proxy(ResolveContext ctx, String value) {
            String name = ctx.string("proxy", value);
            Set<String> known = ctx.proxyNames();
            if (!known.contains(name)) {
                if (known.isEmpty()) {
                    throw ctx.invalid("proxy", value, "is not a declared proxy: no proxies are declared; expected "
                            + "a @ChaosProxy(name = \"" + name + "\", upstream = \"host:port\") on the test class "
                            + "or ChaosExtension.builder().proxy(\"" + name + "\", \"host:port\")");
                }
                throw ctx.invalid("proxy", value, "is not a declared proxy: expected one of " + new TreeSet<>(known));
            }
            return name;
        }
    }

    public static final class Latency extends Base<InjectLatency> {
        public Latency() {
            super(InjectLatency.class);
        }

        @Override
        String proxyOf(InjectLatency a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(InjectLatency a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            long latency = Units.millis(ctx, "latency", a.latency(), 1);
            long jitter = Units.millis(ctx, "jitter", a.jitter(), 0);
            if (jitter > latency) {
                throw ctx.invalid("jitter", a.jitter(), "is larger than latency = \"" + a.latency()
                        + "\": expected at most the latency");
            }
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            return new ToxicSpec("latency", proxy, a.stream(), toxicity,
                    Map.of("latency_ms", latency, "jitter_ms", jitter), schedule,
                    (toxics, name, d) -> {
                        eu.rekawek.toxiproxy.model.toxic.Latency toxic = toxics.latency(name, d, latency);
                        return jitter == 0 ? toxic : toxic.setJitter(jitter);   // one API call fewer without jitter
                    });
        }
    }

    public static final class Bandwidth extends Base<LimitBandwidth> {
        public Bandwidth() {
            super(LimitBandwidth.class);
        }

        @Override
        String proxyOf(LimitBandwidth a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(LimitBandwidth a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            long rate = Units.kilobytesPerSecond(ctx, "rate", a.rate());
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            return new ToxicSpec("bandwidth", proxy, a.stream(), toxicity, Map.of("rate_kb_per_s", rate), schedule,
                    (toxics, name, d) -> toxics.bandwidth(name, d, rate));
        }
    }

    public static final class Close extends Base<SlowClose> {
        public Close() {
            super(SlowClose.class);
        }

        @Override
        String proxyOf(SlowClose a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(SlowClose a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            long delay = Units.millis(ctx, "delay", a.delay(), 1);
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            return new ToxicSpec("slow_close", proxy, a.stream(), toxicity, Map.of("delay_ms", delay), schedule,
                    (toxics, name, d) -> toxics.slowClose(name, d, delay));
        }
    }

    public static final class Timeout extends Base<TimeoutConnections> {
        public Timeout() {
            super(TimeoutConnections.class);
        }

        @Override
        String proxyOf(TimeoutConnections a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(TimeoutConnections a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            long timeout = Units.millis(ctx, "timeout", a.timeout(), 0);
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            return new ToxicSpec("timeout", proxy, a.stream(), toxicity, Map.of("timeout_ms", timeout), schedule,
                    (toxics, name, d) -> toxics.timeout(name, d, timeout));
        }
    }

    public static final class Reset extends Base<ResetPeer> {
        public Reset() {
            super(ResetPeer.class);
        }

        @Override
        String proxyOf(ResetPeer a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(ResetPeer a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            long timeout = Units.millis(ctx, "timeout", a.timeout(), 0);
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            return new ToxicSpec("reset_peer", proxy, a.stream(), toxicity, Map.of("timeout_ms", timeout), schedule,
                    (toxics, name, d) -> toxics.resetPeer(name, d, timeout));
        }
    }

    public static final class Slice extends Base<SliceData> {
        public Slice() {
            super(SliceData.class);
        }

        @Override
        String proxyOf(SliceData a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(SliceData a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            if (a.averageSize() < 1) {
                throw ctx.invalid("averageSize", a.averageSize(), "is too small: expected at least 1 byte");
            }
            if (a.sizeVariation() < 0 || a.sizeVariation() >= a.averageSize()) {
                throw ctx.invalid("sizeVariation", a.sizeVariation(), "is out of range: expected 0 to "
                        + (a.averageSize() - 1) + " (less than averageSize = " + a.averageSize() + ")");
            }
            long delay = Units.micros(ctx, "delay", a.delay());
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            long avg = a.averageSize();
            long variation = a.sizeVariation();
            return new ToxicSpec("slicer", proxy, a.stream(), toxicity,
                    Map.of("average_size", avg, "size_variation", variation, "delay_us", delay), schedule,
                    (toxics, name, d) -> {
                        eu.rekawek.toxiproxy.model.toxic.Slicer toxic = toxics.slicer(name, d, avg, delay);
                        return variation == 0 ? toxic : toxic.setSizeVariation(variation);
                    });
        }
    }

    public static final class Limit extends Base<LimitData> {
        public Limit() {
            super(LimitData.class);
        }

        @Override
        String proxyOf(LimitData a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(LimitData a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            if (a.bytes() < 1) {
                throw ctx.invalid("bytes", a.bytes(), "is too small: expected at least 1");
            }
            long bytes = a.bytes();
            double toxicity = ctx.fraction("toxicity", a.toxicity());
            Schedule schedule = ctx.schedule(a.after(), a.duration(), a.every());
            return new ToxicSpec("limit_data", proxy, a.stream(), toxicity, Map.of("bytes", bytes), schedule,
                    (toxics, name, d) -> toxics.limitData(name, d, bytes));
        }
    }

    public static final class Down extends Base<TakeDown> {
        public Down() {
            super(TakeDown.class);
        }

        @Override
        String proxyOf(TakeDown a) {
            return a.proxy();
        }

        @Override
        public FaultSpec resolve(TakeDown a, ResolveContext ctx) {
            String proxy = proxy(ctx, a.proxy());
            return new TakeDownSpec(proxy, ctx.schedule(a.after(), a.duration(), a.every()));
        }
    }


}
