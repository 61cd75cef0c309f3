package dev.chaosjunit.k8s.internal.handler;

import dev.chaosjunit.fault.FaultHandler;
import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.k8s.MemoryStress;
import dev.chaosjunit.k8s.internal.stress.StressCommand;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Handles {@link MemoryStress}. */
public final class MemoryStressFault implements FaultHandler<MemoryStress> {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,6})([KMG])");

    @Override
    public String describe(MemoryStress a) {
        return "namespace = \"" + a.namespace() + "\", selector = \"" + a.selector() + "\"";
    }

    @Override
    public Set<String> sharedResources(MemoryStress a) {
        return Set.of(PodTargeting.lockKey(a.namespace(), a.selector()));
    }

    @Override
    public FaultSpec resolve(MemoryStress a, ResolveContext ctx) {
        PodTargeting t = PodTargeting.resolve(ctx, a.namespace(), a.selector(), a.mode(), a.count(), a.percent(),
                a.wideSelector());
        String memory = ctx.string("memory", a.memory()).strip();
        Matcher m = SIZE.matcher(memory);
        long bytes = m.matches() ? Long.parseLong(m.group(1)) << (m.group(2).equals("K") ? 10 : m.group(2).equals("M") ? 20 : 30) : -1;
        if (bytes < (1L << 20) || bytes > (64L << 30)) {
            throw ctx.invalid("memory", a.memory(), "is not a memory size from 1M to 64G: expected a whole number"
                    + " with K, M or G, such as \"256M\"");
        }
        int workers = (int) ctx.integer("workers", a.workers(), 1, 16);
        var schedule = StressTiming.schedule(ctx, a.after(), a.duration(), a.every());
        var command = new StressCommand(StressCommand.Resource.MEMORY, workers, 0, memory, StressTiming.length(schedule));
        return PodStressSpec.create(ctx, "memory-stress", t, command, a.image(), schedule);
    }
}
