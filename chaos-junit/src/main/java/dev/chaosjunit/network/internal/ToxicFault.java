package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.Direction;
import java.lang.annotation.Annotation;
import java.util.Map;

/**
 * The shared base of the Toxiproxy toxic faults. It does the four steps every toxic fault has in common: bind the
 * proxy, check the toxicity, resolve the schedule, build the {@link ToxicSpec}. A subclass only says how to read the
 * common attributes of its annotation and what its toxic is ({@link #toxic}).
 */
abstract class ToxicFault<A extends Annotation> extends ProxyFault<A> {

    /** The attributes every toxic fault annotation has, as written. */
    record Common(String proxy, Direction stream, double toxicity, String after, String duration, String every) {
    }

    /** The fault-specific part: the toxic's type, its validated attributes and how to create it. */
    record Toxic(String type, Map<String, Object> attributes, ToxicSpec.Creator creator) {
    }

    /** The common attributes of {@code annotation}. */
    abstract Common common(A annotation);

    /** Validates the fault-specific attributes (with {@code ctx}) and says what toxic to create. */
    abstract Toxic toxic(A annotation, ResolveContext ctx);

    @Override
    final String proxyOf(A annotation) {
        return common(annotation).proxy();
    }

    @Override
    public final FaultSpec resolve(A annotation, ResolveContext ctx) {
        Common c = common(annotation);
        BoundProxy proxy = bind(ctx, c.proxy());
        Toxic toxic = toxic(annotation, ctx);
        double toxicity = ctx.fraction("toxicity", c.toxicity());
        return new ToxicSpec(toxic.type(), proxy, c.stream(), toxicity, toxic.attributes(),
                ctx.schedule(c.after(), c.duration(), c.every()), toxic.creator());
    }
}
