package dev.chaosjunit.toxiproxy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone server, with {@code toxiproxy-server}'s flags:
 * {@code java -jar chaos-toxiproxy-server.jar -host 127.0.0.1 -port 8474 [-config proxies.json] [-seed N]
 * [-proxy-metrics] [-runtime-metrics] [-version]}. Flags may be written {@code -flag value}, {@code --flag value} or
 * {@code -flag=value}. Bad flags print a message and the usage and exit with status 2; a server that cannot start
 * exits with status 1. As {@code toxiproxy-server}, it logs to standard output and takes its log level from the
 * {@code LOG_LEVEL} environment variable (default {@code debug}: every proxy created, listening and removed).
 */
public final class ToxiproxyServerMain {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar chaos-toxiproxy-server.jar [flags]",
            "  -host string     host or IP for the API to listen on (default \"localhost\")",
            "  -port int        port for the API to listen on (default 8474; 0 = a free port)",
            "  -config string   JSON file of proxies to create at start (as toxiproxy-server -config)",
            "  -seed int        seed for every random choice (toxicity, jitter, slicer); default random",
            "  -proxy-metrics   enable toxiproxy-specific prometheus metrics on GET /metrics (default false)",
            "  -runtime-metrics enable runtime-related (process, JVM) prometheus metrics on GET /metrics (default false)",
            "  -allowed-hosts string  comma-separated extra host names the API answers to in the Host header",
            "                   (IP addresses, localhost and the -host name always work; * = any)",
            "  -version         print the version",
            "  -help            print this help",
            "Environment: LOG_LEVEL=trace|debug|info|warn|error|disabled (default debug).",
            "Flags may also be written --flag value or -flag=value.");

    static final String FLAGS = "-host, -port, -config, -seed, -proxy-metrics, -runtime-metrics, -allowed-hosts, "
            + "-version, -help";

    private ToxiproxyServerMain() {
    }

    public static void main(String[] args) {
        String level = System.getenv("LOG_LEVEL");
        String problem = StandaloneLogging.configure(level, System.out);
        if (problem != null) {
            System.err.println("chaos-toxiproxy-server: " + problem);
        }
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses, starts and blocks until the JVM is stopped; returns an exit status when it cannot start. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chaos-toxiproxy-server: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        if (options.version) {
            out.println("chaos-toxiproxy-server version " + ToxiproxyServer.VERSION + " (Toxiproxy "
                    + ToxiproxyServer.TOXIPROXY_VERSION + "-compatible API)");
            return 0;
        }
        ToxiproxyServer.Builder builder = ToxiproxyServer.builder().host(options.host).port(options.port)
                .proxyMetrics(options.proxyMetrics).runtimeMetrics(options.runtimeMetrics)
                .allowedHosts(options.allowedHosts.toArray(String[]::new));
        if (options.config != null) {
            builder.config(options.config);
        }
        if (options.seed != null) {
            builder.seed(options.seed);
        }
        ToxiproxyServer server;
        try {
            server = builder.build().startServer();
        } catch (RuntimeException e) {
            err.println("chaos-toxiproxy-server: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chaos-toxiproxy-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The parsed command line. */
    static final class Options {
        String host = "localhost";
        int port = 8474;
        Path config;
        Long seed;
        boolean help;
        boolean version;
        boolean proxyMetrics;
        boolean runtimeMetrics;
        java.util.List<String> allowedHosts = new java.util.ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags start with -)");
                }
                String flag = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
                String value = null;
                int eq = flag.indexOf('=');
                if (eq >= 0) {
                    value = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                }
                switch (flag) {
                    case "help":
                    case "h":
                        options.help = true;
                        continue;
                    case "version":
                        options.version = bool(flag, value);
                        continue;
                    case "proxy-metrics":
                        options.proxyMetrics = bool(flag, value);
                        continue;
                    case "runtime-metrics":
                        options.runtimeMetrics = bool(flag, value);
                        continue;
                    case "host":
                    case "port":
                    case "config":
                    case "seed":
                    case "allowed-hosts":
                        break;
                    default:
                        throw new IllegalArgumentException("unknown flag '" + arg + "' (valid flags: " + FLAGS + ")");
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("flag -" + flag + " needs a value");
                    }
                    value = args[++i];
                }
                options.set(flag, value);
            }
            return options;
        }

        /** A boolean flag: {@code -flag} alone is true; {@code -flag=true|false} as Go's flag package takes it. */
        private static boolean bool(String flag, String value) {
            if (value == null) {
                return true;
            }
            switch (value) {
                case "true": case "1": case "t": case "T": case "TRUE": case "True":
                    return true;
                case "false": case "0": case "f": case "F": case "FALSE": case "False":
                    return false;
                default:
                    throw new IllegalArgumentException("-" + flag + " is a switch: give it alone or as -" + flag
                            + "=true or -" + flag + "=false, got '" + value + "'");
            }
        }

        private void set(String flag, String value) {
            switch (flag) {
                case "allowed-hosts":
                    for (String name : value.split(",")) {
                        String trimmed = name.trim();
                        if (trimmed.isEmpty() || trimmed.contains("/") || trimmed.contains(" ")) {
                            throw new IllegalArgumentException("-allowed-hosts must be comma-separated host names "
                                    + "(e.g. toxiproxy,toxiproxy.internal) or *, got '" + value + "'");
                        }
                        allowedHosts.add(trimmed);
                    }
                    break;
                case "host":
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("-host must not be empty (e.g. 127.0.0.1)");
                    }
                    host = value;
                    break;
                case "port":
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("-port must be a number from 0 to 65535, got '" + value + "'");
                    }
                    break;
                case "config":
                    config = Path.of(value);
                    if (!Files.isRegularFile(config)) {
                        throw new IllegalArgumentException("-config file '" + value + "' does not exist or is not a file");
                    }
                    break;
                case "seed":
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("-seed must be an integer (64-bit), got '" + value + "'");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag -" + flag);
            }
        }
    }
}
