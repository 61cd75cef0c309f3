package dev.chaosjunit.k8s.janitor;

import dev.chaosjunit.k8s.internal.cluster.KubeConnection;
import dev.chaosjunit.k8s.internal.guard.GuardrailSettings;
import dev.chaosjunit.k8s.internal.guard.Guardrails;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -cp ... dev.chaosjunit.k8s.janitor.JanitorCommand janitor --context kind-dev --namespaces shop,chaos-junit
 * [--kubeconfig FILE] [--dry-run]}: runs the {@link Janitor} once and prints what it did. The context must be allowed
 * exactly as for tests ({@code -Dchaos.k8s.allowedContexts}; local clusters by default).
 */
public final class JanitorCommand {

    private JanitorCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (0 done, 2 bad usage, 1 refused or failed). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        if (a.isEmpty() || !a.get(0).equals("janitor")) {
            err.println(usage());
            return 2;
        }
        Optional<String> context = Optional.empty();
        Optional<String> kubeconfig = Optional.empty();
        List<String> namespaces = new ArrayList<>();
        boolean dryRun = false;
        for (int i = 1; i < a.size(); i++) {
            String flag = a.get(i);
            if (flag.equals("--dry-run")) {
                dryRun = true;
                continue;
            }
            if (i + 1 >= a.size() || !List.of("--context", "--kubeconfig", "--namespaces").contains(flag)) {
                err.println("unknown or incomplete option \"" + flag + "\"\n" + usage());
                return 2;
            }
            String value = a.get(++i);
            switch (flag) {
                case "--context": context = Optional.of(value); break;
                case "--kubeconfig": kubeconfig = Optional.of(value); break;
                default: namespaces.addAll(Arrays.stream(value.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList());
            }
        }
        if (context.isEmpty() || namespaces.isEmpty()) {
            err.println("--context and --namespaces are required\n" + usage());
            return 2;
        }
        Guardrails guardrails = new Guardrails(GuardrailSettings.read(k -> Optional.ofNullable(System.getProperty(k))));
        try (KubeConnection c = KubeConnection.open(kubeconfig, context)) {
            guardrails.checkContext(c.context());
            List<String> lines = Janitor.clean(c.client(), namespaces, dryRun, Clock.systemUTC());
            out.println("janitor on context " + c.context() + ", namespaces " + namespaces + ": "
                    + (lines.isEmpty() ? "nothing expired" : lines.size() + " action(s)"));
            lines.forEach(l -> out.println("  " + l));
            return 0;
        } catch (RuntimeException e) {
            err.println("janitor: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return "usage: janitor --context <kube context> --namespaces <ns>[,<ns>...] [--kubeconfig <file>] [--dry-run]";
    }
}
