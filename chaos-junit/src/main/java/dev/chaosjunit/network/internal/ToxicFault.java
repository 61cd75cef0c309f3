package dev.chaosjunit.network.internal;

import dev.chaosjunit.fault.FaultSpec;
import dev.chaosjunit.fault.ResolveContext;
import dev.chaosjunit.network.Direction;
import java.lang.annotation.Annotation;
import java.util.Map;

/**
 * The shared base of the Toxiproxy toxic faults. It does the four steps every toxic fault has in common: bind the
 * proxy, check the toxicity, resolve the schedule, build the {@link ToxicSpec}. A subclass only says what its toxic is
 * ({@link #toxic}); the common attributes ({@code proxy}, {@code stream}, {@code toxicity}, {@code after},
 * {@code duration}, {@code every}) are read by name, as every toxic fault annotation declares them.
 */
abstract class ToxicFault<A extends Annotation> extends ProxyFault<A> {

    /** The attributes every toxic fault annotation has, as written. */
    record Common(String proxy, Direction stream, double toxicity, String after, String duration, String every) {

        /** Reads the common attributes of a toxic fault annotation. */
        static Common of(Annotation a) {
            return new Common((String) attribute(a, "proxy"), (Direction) attribute(a, "stream"),
                    (Double) attribute(a, "toxicity"), (String) attribute(a, "after"),
                    (String) attribute(a, "duration"), (String) attribute(a, "every"));
        }

        private static Object attribute(Annotation a, String name) {
            try {
                return a.annotationType().getMethod(name).invoke(a);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("@" + a.annotationType().getSimpleName() + " has no attribute "
                        + name + "(), which every toxic fault annotation declares", e);
            }
        }
    }

    /** The fault-specific part: the toxic's type, its validated attributes and how to create it. */
    record Toxic(String type, Map<String, Object> attributes, ToxicSpec.Creator creator) {
    }

    /** Validates the fault-specific attributes (with {@code ctx}) and says what toxic to create. */
    abstract Toxic toxic(A annotation, ResolveContext ctx);

    @Override
    final String proxyOf(A annotation) {
        return Common.of(annotation).proxy();
    }

    @Override
    public final FaultSpec resolve(A annotation, ResolveContext ctx) {
        Common c = Common.of(annotation);
        BoundProxy proxy = bind(ctx, c.proxy());
        Toxic toxic = toxic(annotation, ctx);
        double toxicity = ctx.fraction("toxicity", c.toxicity());
        return new ToxicSpec(toxic.type(), proxy, c.stream(), toxicity, toxic.attributes(),
                ctx.schedule(c.after(), c.duration(), c.every()), toxic.creator());
    }
}
