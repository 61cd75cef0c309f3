package dev.chaosjunit.load.cli;

import dev.chaosjunit.config.Durations;
import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.Request;
import dev.chaosjunit.load.ThinkTime;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The command line of {@link LoadCommand}, parsed and checked; {@link #driver} makes the load driver. */
final class LoadOptions {

    /** The options that take a value. */
    private static final Set<String> VALUED = Set.of("--rate", "--connections", "--users", "--io-threads",
            "--poisson", "--duration", "--timeout", "--drop-after", "--think", "--method", "--header", "--body");

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
    private boolean thinkGiven;

    int users() {
        return users != null ? users : connections;
    }

    static LoadOptions parse(String[] args) {
        LoadOptions o = new LoadOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    o.help = true;
                    return o;
                }
                case "--json" -> o.json = true;
                case "--quiet" -> o.quiet = true;
                case "--closed" -> o.closed = true;
                default -> {
                    if (a.startsWith("-") && !VALUED.contains(a)) {
                        throw new IllegalArgumentException("unknown option \"" + a + "\"");
                    } else if (a.startsWith("-")) {
                        o.option(a, value(args, ++i, a));
                    } else if (o.url != null) {
                        throw new IllegalArgumentException("only one URL can be given, got \"" + o.url + "\" and \""
                                + a + "\"");
                    } else {
                        o.url = a;
                    }
                }
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
            if (o.users != null || o.thinkGiven) {
                throw new IllegalArgumentException((o.users != null ? "--users" : "--think")
                        + " applies to the closed model; add --closed");
            }
        }
        return o;
    }

    /** Takes the option {@code name} with its value {@code v}. */
    private void option(String name, String v) {
        switch (name) {
            case "--rate" -> rate = positiveDouble(name, v, "requests per second");
            case "--connections" -> connections = positiveInt(name, v);
            case "--users" -> users = positiveInt(name, v);
            case "--io-threads" -> ioThreads = positiveInt(name, v);
            case "--poisson" -> poissonSeed = longValue(name, v);
            case "--duration" -> duration = duration(name, v);
            case "--timeout" -> timeout = duration(name, v);
            case "--drop-after" -> dropAfter = duration(name, v);
            case "--think" -> {
                think = think(v);
                thinkGiven = true;
            }
            case "--method" -> method = v;
            case "--header" -> {
                int colon = v.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--header: expected 'Name: value', got \"" + v + "\"");
                }
                headers.add(new String[] {v.substring(0, colon).strip(), v.substring(colon + 1).strip()});
            }
            case "--body" -> body = v;
            default -> throw new IllegalStateException("no value option " + name);
        }
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
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
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
