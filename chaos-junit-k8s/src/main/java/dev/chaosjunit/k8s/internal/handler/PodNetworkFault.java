package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.ActiveFault;
import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.PodNetworkCorruption;
import dev.chaosjunit.k8s.PodNetworkLatency;
import dev.chaosjunit.k8s.PodNetworkLoss;
import dev.chaosjunit.k8s.internal.cluster.ClusterCalls;
import dev.chaosjunit.k8s.internal.cluster.Marks;
import dev.chaosjunit.k8s.internal.network.Netem;
import dev.chaosjunit.k8s.internal.network.PodNetwork;
import dev.chaosjunit.k8s.internal.stress.Images;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/** Handles {@link PodNetworkLatency}, {@link PodNetworkLoss} and {@link PodNetworkCorruption}. */
public final class PodNetworkFault implements FaultHandler<Annotation> {

    private static final Pattern DEVICE = Pattern.compile("[a-zA-Z0-9@._-]{1,15}");

    @Override
    public String describe(Annotation a) {
        String[] t = targetOf(a);
        return "namespace = \"" + t[0] + "\", selector = \"" + t[1] + "\"";
    }

    @Override
    public Set<String> sharedResources(Annotation a) {
        String[] t = targetOf(a);
        return Set.of(PodTargeting.lockKey(t[0], t[1]) + ".netem");
    }

    private static String[] targetOf(Annotation a) {
        if (a instanceof PodNetworkLatency) {
            return new String[] {((PodNetworkLatency) a).namespace(), ((PodNetworkLatency) a).selector()};
        }
        if (a instanceof PodNetworkLoss) {
            return new String[] {((PodNetworkLoss) a).namespace(), ((PodNetworkLoss) a).selector()};
        }
        return new String[] {((PodNetworkCorruption) a).namespace(), ((PodNetworkCorruption) a).selector()};
    }

    @Override
    public FaultSpec resolve(Annotation annotation, ResolveContext ctx) {
        PodTargeting t;
        Duration delay = Duration.ZERO;
        Duration jitter = Duration.ZERO;
        double loss = 0;
        double corrupt = 0;
        String device;
        String image;
        String after;
        String duration;
        String every;
        String kind;
        if (annotation instanceof PodNetworkLatency) {
            PodNetworkLatency a = (PodNetworkLatency) annotation;
            t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), a.mode(), a.count(), a.percent(), a.wideSelector());
            delay = ctx.duration("latency", a.latency(), Duration.ofMillis(1));
            if (delay.compareTo(Duration.ofSeconds(60)) > 0) {
                throw ctx.invalid("latency", a.latency(), "is too long: expected at most 60s");
            }
            jitter = ctx.duration("jitter", a.jitter());
            if (jitter.compareTo(delay) > 0) {
                throw ctx.invalid("jitter", a.jitter(), "is larger than latency \"" + a.latency() + "\": expected at most it");
            }
            device = a.device(); image = a.image(); after = a.after(); duration = a.duration(); every = a.every();
            kind = "pod-latency";
        } else if (annotation instanceof PodNetworkLoss) {
            PodNetworkLoss a = (PodNetworkLoss) annotation;
            t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), a.mode(), a.count(), a.percent(), a.wideSelector());
            loss = percent(ctx, "lossPercent", a.lossPercent());
            device = a.device(); image = a.image(); after = a.after(); duration = a.duration(); every = a.every();
            kind = "pod-loss";
        } else {
            PodNetworkCorruption a = (PodNetworkCorruption) annotation;
            t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), a.mode(), a.count(), a.percent(), a.wideSelector());
            corrupt = percent(ctx, "corruptPercent", a.corruptPercent());
            device = a.device(); image = a.image(); after = a.after(); duration = a.duration(); every = a.every();
            kind = "pod-corruption";
        }
        if (!DEVICE.matcher(device).matches()) {
            throw ctx.invalid("device", device, "is not an interface name: expected up to 15 letters, digits, '.', '_',"
                    + " '-' or '@', such as \"eth0\"");
        }
        var schedule = StressTiming.schedule(ctx, after, duration, every);
        Netem netem = new Netem(delay, jitter, loss, corrupt, device, StressTiming.length(schedule));
        String img = image.isBlank() ? Images.NETWORK_TOOLS : ctx.string("image", image).strip();
        KubeSession session = KubeSession.preflight(ctx, Set.of(t.namespace()), Permissions.ephemeral(t.namespace()));
        Map<String, Object> attrs = new LinkedHashMap<>(t.attributes());
        attrs.put("netem", netem.arguments());
        attrs.put("device", device);
        attrs.put("image", img);
        return new KubeFaultSpec(session, kind, t.namespace() + "/" + t.selector(), schedule, attrs,
                ctx.config().dryRun(), ctx.config().seed().orElse(0)) {
            @Override
            protected ActiveFault start(ClusterCalls calls, Marks marks, Random random, String name) {
                var targets = t.choose(session.client(), session.guardrails(), kind, random, false);
                calls.note("chose " + targets.ids() + " of " + targets.readyMatching() + " ready matching pods");
                new PodNetwork(session.client(), calls).start(targets.chosen(), netem, img, name, marks);
                return () -> calls.note("nothing to revert: the netem rule removes itself after " + netem.duration());
            }
        };
    }

    private static double percent(ResolveContext ctx, String attribute, double value) {
        if (!(value > 0 && value <= 100)) {
            throw ctx.invalid(attribute, value, "is out of range: expected above 0 and at most 100");
        }
        return value;
    }
}
