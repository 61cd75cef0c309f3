package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.SliceData;
import java.util.Map;
import eu.rekawek.toxiproxy.model.toxic.Slicer;

/** {@link SliceData}: Toxiproxy's {@code slicer} toxic. */
public final class SliceFault extends ToxicFault<SliceData> {

    @Override
    Common common(SliceData a) {
        return new Common(a.proxy(), a.stream(), a.toxicity(), a.after(), a.duration(), a.every());
    }

    @Override
    Toxic toxic(SliceData a, ResolveContext ctx) {
        if (a.averageSize() < 1) {
            throw ctx.invalid("averageSize", a.averageSize(), "is too small: expected at least 1 byte");
        }
        long avg = a.averageSize();
        if (a.sizeVariation() < 0 || a.sizeVariation() >= avg) {
            throw ctx.invalid("sizeVariation", a.sizeVariation(), "is out of range: expected 0 to " + (avg - 1)
                    + " (less than averageSize = " + avg + ")");
        }
        long variation = a.sizeVariation();
        long delay = ctx.values().wholeMicros("delay", a.delay());
        return new Toxic("slicer", Map.of("average_size", avg, "size_variation", variation, "delay_us", delay),
                (toxics, name, d) -> {
                    Slicer toxic = toxics.slicer(name, d, avg, delay);
                    return variation == 0 ? toxic : toxic.setSizeVariation(variation);
                });
    }
}
