package dev.chaosjunit.k8s.internal.network;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A {@code tc netem} rule on a pod's interface, as the shell script an ephemeral container with {@code NET_ADMIN}
 * runs: it adds the rule, removes it when its timer ends or when it is signalled, and exits.
 *
 * @param delay added latency, or zero
 * @param jitter latency variation, or zero
 * @param lossPercent packet loss 0-100
 * @param corruptPercent packet corruption 0-100
 * @param device the interface, {@code eth0} in most clusters
 * @param duration how long the rule stays
 */
public record Netem(Duration delay, Duration jitter, double lossPercent, double corruptPercent, String device,
        Duration duration) {

    /** The netem arguments, e.g. {@code delay 400ms 50ms loss 1%}. */
    public String arguments() {
        StringBuilder sb = new StringBuilder();
        if (!delay.isZero()) {
            sb.append("delay ").append(delay.toMillis()).append("ms");
            if (!jitter.isZero()) {
                sb.append(' ').append(jitter.toMillis()).append("ms");
            }
        }
        if (lossPercent > 0) {
            sb.append(sb.length() > 0 ? " " : "").append("loss ").append(pct(lossPercent));
        }
        if (corruptPercent > 0) {
            sb.append(sb.length() > 0 ? " " : "").append("corrupt ").append(pct(corruptPercent));
        }
        return sb.toString();
    }

    /** {@code sh -c <script>}: add, wait (interruptible), remove; the rule is removed on TERM and INT too. */
    public List<String> command() {
        String dev = device;
        String script = "tc qdisc add dev " + dev + " root netem " + arguments() + " || exit 1; "
                + "cleanup() { tc qdisc del dev " + dev + " root netem 2>/dev/null; exit 0; }; "
                + "trap cleanup TERM INT HUP; "
                + "sleep " + Math.max(1, duration.toSeconds()) + " & wait $!; cleanup";
        return List.of("sh", "-c", script);
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%s%%", p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
    }
}
