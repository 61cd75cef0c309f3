package dev.chaosjunit.load.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.ErrorKind;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.load.ThinkTime;
import dev.chaosjunit.load.internal.Millis;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chaos-load: " + e.getMessage());
            err.println("run with --help for usage");
            return 2;
        }
        if (o.help) {
            out.println(USAGE);
            return 0;
        }
        LoadDriver driver;
        try {
            driver = o.driver(err);
        } catch (IllegalArgumentException e) {
            err.println("chaos-load: " + e.getMessage());
            return 2;
        }
        LoadStats stats;
        try {
            stats = driver.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("chaos-load: interrupted");
            return 1;
        } catch (RuntimeException e) {
            err.println("chaos-load: the run failed: " + e);
            return 1;
        }
        out.println(o.json ? json(o, stats) : summary(o, stats));
        return 0;
    }

    private static final double[] PERCENTILES = {50, 75, 90, 99, 99.9, 99.99};

    static String json(Options o, LoadStats s) {
        JsonObject j = new JsonObject();
        j.addProperty("url", o.url);
        j.addProperty("model", o.closed ? "closed" : "open");
        if (o.closed) {
            j.addProperty("users", o.users());
            j.addProperty("think", o.think.toString());
        } else {
            j.addProperty("targetRate", o.rate);
            j.addProperty("connections", o.connections);
        }
        j.addProperty("durationSeconds", s.duration().toNanos() / 1e9);
        j.addProperty("achievedRate", round(s.throughput()));
        j.addProperty("requests", s.count());
        j.addProperty("successes", s.successes());
        j.addProperty("errors", s.errors());
        JsonObject kinds = new JsonObject();
        for (Map.Entry<ErrorKind, Long> e : s.errorsByKind().entrySet()) {
            kinds.addProperty(e.getKey().label(), e.getValue());
        }
        j.add("errorsByKind", kinds);
        j.addProperty("errorRate", s.errorRate());
        j.addProperty("dropped", s.dropped());
        j.addProperty("saturated", s.saturated());
        JsonObject latency = new JsonObject();
        JsonObject corrected = new JsonObject();
        JsonObject uncorrected = new JsonObject();
        for (double p : PERCENTILES) {
            corrected.addProperty(label(p), ms(s.percentile(p)));
            uncorrected.addProperty(label(p), ms(s.uncorrectedPercentile(p)));
        }
        corrected.addProperty("max", ms(s.max()));
        uncorrected.addProperty("max", ms(s.uncorrectedMax()));
        corrected.addProperty("mean", ms(s.mean()));
        uncorrected.addProperty("mean", ms(s.uncorrectedMean()));
        latency.add("corrected", corrected);
        latency.add("uncorrected", uncorrected);
        j.add("latencyMs", latency);
        JsonObject lag = new JsonObject();
        lag.addProperty("p50", ms(s.scheduleLagPercentile(50)));
        lag.addProperty("p99", ms(s.scheduleLagPercentile(99)));
        lag.addProperty("max", ms(s.scheduleLagPercentile(100)));
        j.add("scheduleLagMs", lag);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(j);
    }

    static String summary(Options o, LoadStats s) {
        StringBuilder sb = new StringBuilder();
        if (o.closed) {
            sb.append(String.format(Locale.ROOT, "chaos-load %s: closed model, %d users, think %s, %s%n", o.url,
                    o.users(), o.think, Durations.format(o.duration)));
        } else {
            sb.append(String.format(Locale.ROOT, "chaos-load %s: open model, target %s req/s, %d connections, %s%n",
                    o.url, fmt(o.rate), o.connections, Durations.format(o.duration)));
        }
        sb.append(String.format(Locale.ROOT, "  requests  %d in %.2fs = %.1f req/s achieved%n", s.count(),
                s.duration().toNanos() / 1e9, s.throughput()));
        sb.append(String.format(Locale.ROOT, "  errors    %d (%.2f%%)", s.errors(), s.errorRate() * 100));
        for (Map.Entry<ErrorKind, Long> e : s.errorsByKind().entrySet()) {
            sb.append(' ').append(e.getKey().label()).append('=').append(e.getValue());
        }
        sb.append(String.format(Locale.ROOT, "%n  dropped   %d%n", s.dropped()));
        sb.append(String.format(Locale.ROOT, "  latency   %12s %12s%n", "corrected", "uncorrected"));
        for (double p : PERCENTILES) {
            sb.append(String.format(Locale.ROOT, "  %-9s %12s %12s%n", label(p), Millis.format(s.percentile(p)),
                    Millis.format(s.uncorrectedPercentile(p))));
        }
        sb.append(String.format(Locale.ROOT, "  %-9s %12s %12s%n", "max", Millis.format(s.max()),
                Millis.format(s.uncorrectedMax())));
        sb.append(String.format(Locale.ROOT, "  %-9s %12s %12s%n", "mean", Millis.format(s.mean()),
                Millis.format(s.uncorrectedMean())));
        sb.append(String.format(Locale.ROOT, "  schedule lag p99 %s%s", Millis.format(s.scheduleLagPercentile(99)),
                s.saturated() ? "  SATURATED: the driver could not keep its schedule; latency overstates the server's" : ""));
        return sb.toString();
    }

    private static String label(double p) {
        return "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
    }

    private static double ms(Duration d) {
        return round(Millis.of(d));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Parsed command-line options. */
    static final class Options {
        String url;
        boolean help;
        boolean json;
        boolean quiet;
        boolean closed;
        double rate = Double.NaN;
        int connections = 64;
        Integer users;
        ThinkTime think = ThinkTime.none();
        Long poissonSeed;
        Duration duration = Duration.ofSeconds(10);
        Duration timeout;
        Duration dropAfter;
        int ioThreads = 1;
        String method = "GET";
        final List<String[]> headers = new ArrayList<>();
        String body;

        int users() {
            return users != null ? users : connections;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            boolean thinkGiven = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help":
                    case "-h":
                        o.help = true;
                        return o;
                    case "--json":
                        o.json = true;
                        break;
                    case "--quiet":
                        o.quiet = true;
                        break;
                    case "--closed":
                        o.closed = true;
                        break;
                    case "--rate":
                        o.rate = positiveDouble(a, value(args, ++i, a), "requests per second");
                        break;
                    case "--connections":
                        o.connections = positiveInt(a, value(args, ++i, a));
                        break;
                    case "--users":
                        o.users = positiveInt(a, value(args, ++i, a));
                        break;
                    case "--io-threads":
                        o.ioThreads = positiveInt(a, value(args, ++i, a));
                        break;
                    case "--poisson":
                        o.poissonSeed = longValue(a, value(args, ++i, a));
                        break;
                    case "--duration":
                        o.duration = duration(a, value(args, ++i, a));
                        break;
                    case "--timeout":
                        o.timeout = duration(a, value(args, ++i, a));
                        break;
                    case "--drop-after":
                        o.dropAfter = duration(a, value(args, ++i, a));
                        break;
                    case "--think":
                        o.think = think(value(args, ++i, a));
                        thinkGiven = true;
                        break;
                    case "--method":
                        o.method = value(args, ++i, a);
                        break;
                    case "--header": {
                        String h = value(args, ++i, a);
                        int colon = h.indexOf(':');
                        if (colon <= 0) {
                            throw new IllegalArgumentException("--header: expected 'Name: value', got \"" + h + "\"");
                        }
                        o.headers.add(new String[] {h.substring(0, colon).strip(), h.substring(colon + 1).strip()});
                        break;
                    }
                    case "--body":
                        o.body = value(args, ++i, a);
                        break;
                    default:
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option \"" + a + "\"");
                        }
                        if (o.url != null) {
                            throw new IllegalArgumentException("only one URL can be given, got \"" + o.url + "\" and \"" + a + "\"");
                        }
                        o.url = a;
                }
            }
            if (o.url == null) {
                throw new IllegalArgumentException("no target URL given, e.g. http://127.0.0.1:8080/");
            }
            if (o.closed) {
                if (!Double.isNaN(o.rate)) {
                    throw new IllegalArgumentException("--rate applies to the open model; the closed model's pace comes"
                            + " from --users and --think");
                }
                if (o.poissonSeed != null) {
                    throw new IllegalArgumentException("--poisson applies to the open model only");
                }
            } else {
                if (Double.isNaN(o.rate)) {
                    throw new IllegalArgumentException("--rate is required for the open model (or use --closed --users N)");
                }
                if (o.users != null || thinkGiven) {
                    throw new IllegalArgumentException((o.users != null ? "--users" : "--think")
                            + " applies to the closed model; add --closed");
                }
            }
            return o;
        }

        LoadDriver driver(PrintStream err) {
            Request request = Request.of(method, pathOf(url));
            for (String[] h : headers) {
                request = request.header(h[0], h[1]);
            }
            if (body != null) {
                request = request.body(body);
            }
            LoadProfile profile = closed ? LoadProfile.closed(users(), duration).withThinkTime(think)
                    : LoadProfile.constantRate(rate, duration);
            if (poissonSeed != null) {
                profile = profile.poisson(poissonSeed);
            }
            LoadDriver d = LoadDriver.target(url).request(request).profile(profile).maxConnections(connections)
                    .ioThreads(ioThreads).label(closed ? "closed" : "open");
            if (timeout != null) {
                d = d.requestTimeout(timeout);
            }
            if (dropAfter != null) {
                d = d.dropAfter(dropAfter);
            }
            return quiet ? d.progress(false) : d.progressSink(err::println);
        }

        private static String pathOf(String url) {
            java.net.URI u;
            try {
                u = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("\"" + url + "\" is not a URL: " + e.getReason()
                        + "; expected http://host:port/path");
            }
            String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static double positiveDouble(String option, String v, String unit) {
            try {
                double d = Double.parseDouble(v);
                if (d > 0 && !Double.isInfinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + ": expected a number > 0 (" + unit + "), got \"" + v + "\"");
        }

        private static int positiveInt(String option, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + ": expected a whole number > 0, got \"" + v + "\"");
        }

        private static long longValue(String option, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": expected a whole number (the seed), got \"" + v + "\"");
            }
        }

        private static Duration duration(String option, String v) {
            try {
                Duration d = Durations.parse(v);
                if (!d.isZero()) {
                    return d;
                }
                throw new IllegalArgumentException(option + ": expected a duration > 0, got \"" + v + "\"");
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(option)) {
                    throw e;
                }
                throw new IllegalArgumentException(option + ": " + e.getMessage());
            }
        }

        private static ThinkTime think(String v) {
            int dots = v.indexOf("..");
            try {
                return dots < 0 ? ThinkTime.fixed(v) : ThinkTime.between(v.substring(0, dots), v.substring(dots + 2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--think: " + e.getMessage() + " (use a duration such as 100ms or a"
                        + " range such as 50ms..150ms)");
            }
        }
    }
}
