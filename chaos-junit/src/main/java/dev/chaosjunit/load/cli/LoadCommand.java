package dev.chaosjunit.load.cli;

import dev.chaosjunit.load.LoadRun;
import dev.chaosjunit.load.LoadStats;

import java.io.PrintStream;

/**
 * Headless command line for the load driver, like {@code wrk2} or {@code locust --headless}:
 * <pre>
 * java -jar chaos-load.jar http://127.0.0.1:8080/path --rate 1000 --duration 30s --connections 64 [--json]
 * java -jar chaos-load.jar http://127.0.0.1:8080/path --closed --users 50 --think 100ms --duration 30s
 * </pre>
 * Exit status: 0 after a run (whatever its errors), 2 for bad arguments, 1 if the run could not complete.
 */
public final class LoadCommand {

    static final String USAGE = String.join("\n",
            "usage: chaos-load <http://host:port/path> [options]",
            "  open model (default): a fixed arrival rate; latency is measured from the intended send time",
            "    --rate <req/s>           arrivals per second (required for the open model)",
            "    --connections <n>        cap on concurrent connections (default 64)",
            "    --poisson <seed>         Poisson arrivals instead of evenly spaced ones",
            "    --drop-after <duration>  an arrival waiting longer for a free connection is dropped (default 1s)",
            "  closed model: users that send, wait for the response, think, and send again",
            "    --closed --users <n>     number of users (default: --connections)",
            "    --think <d> | <a>..<b>   think time, fixed or uniform between a and b (default 0)",
            "  common",
            "    --duration <duration>    how long to offer load (default 10s), e.g. 30s, 1m30s",
            "    --method <token>         HTTP method (default GET)",
            "    --header 'Name: value'   extra request header (repeatable)",
            "    --body <text>            request body",
            "    --timeout <duration>     request timeout (default 10s)",
            "    --io-threads <n>         event-loop threads (default 1)",
            "    --json                   print one JSON object instead of the human summary",
            "    --quiet                  no per-second progress lines on stderr",
            "    --help                   this text");

    private LoadCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chaos-load: " + e.getMessage());
            err.println("run with --help for usage");
            return 2;
        }
        if (o.help) {
            out.println(USAGE);
            return 0;
        }
        LoadRun run;
        try {
            // start() checks what only a run can (the host resolves) before anything is sent: still a bad value
            run = o.driver(err).start();
        } catch (IllegalArgumentException e) {
            err.println("chaos-load: " + e.getMessage());
            return 2;
        }
        LoadStats stats;
        try (run) {
            stats = run.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("chaos-load: interrupted");
            return 1;
        } catch (RuntimeException e) {
            err.println("chaos-load: the run failed: " + e);
            return 1;
        }
        out.println(o.json ? RunReport.json(o, stats) : RunReport.summary(o, stats));
        return 0;
    }
}
