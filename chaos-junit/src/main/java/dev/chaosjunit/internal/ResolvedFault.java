package dev.chaosjunit.internal;

import dev.chaosjunit.fault.FaultSpec;
import java.util.Set;

/**
 * A fault spec with where it came from.
 *
 * @param index position in the experiment's list
 * @param annotation the annotation as shown in messages, e.g. {@code @InjectLatency(proxy = "payments")}
 * @param location where it was found, e.g. {@code CheckoutTest.slowPayments()}
 * @param spec the validated spec
 * @param sharedResources lock keys
 */
public record ResolvedFault(int index, String annotation, String location, FaultSpec spec,
        Set<String> sharedResources) {

    /** {@code latency on payments}. */
    public String description() {
        return spec.kind() + " on " + spec.target();
    }
}
