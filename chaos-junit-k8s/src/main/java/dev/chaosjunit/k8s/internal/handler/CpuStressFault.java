package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.CpuStress;
import dev.chaosjunit.k8s.internal.stress.StressCommand;

import java.util.Set;

/** Handles {@link CpuStress}. */
public final class CpuStressFault implements FaultHandler<CpuStress> {

    @Override
    public String describe(CpuStress a) {
        return "namespace = \"" + a.namespace() + "\", selector = \"" + a.selector() + "\"";
    }

    @Override
    public Set<String> sharedResources(CpuStress a) {
        return Set.of(PodTargeting.lockKey(a.namespace(), a.selector()));
    }

    @Override
    public FaultSpec resolve(CpuStress a, ResolveContext ctx) {
        PodTargeting t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), a.mode(), a.count(), a.percent(),
                a.wideSelector());
        int cores = (int) ctx.integer("cores", a.cores(), 1, 64);
        int load = (int) ctx.integer("load", a.load(), 1, 100);
        var schedule = StressTiming.schedule(ctx, a.after(), a.duration(), a.every());
        var command = new StressCommand(StressCommand.Resource.CPU, cores, load, "", StressTiming.length(schedule));
        return PodStressSpec.create(ctx, "cpu-stress", t, command, a.image(), schedule);
    }
}
