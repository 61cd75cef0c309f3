package dev.chaosjunit.report;

/**
 * The keys of an experiment journal (schema in {@code docs/journal.md}), shared by the writer and {@link HtmlReport}
 * so a key cannot be misspelt on one side. Values of {@code outcome}, {@code action} and verdict {@code status} are
 * the lower-case names of their enums.
 */
public final class JournalSchema {

    /** The journal schema version. */
    public static final int VERSION = 1;

    // The document
    public static final String SCHEMA = "schema";
    public static final String TEST = "test";
    public static final String RUN_ID = "runId";
    public static final String SEED = "seed";
    public static final String STATUS = "status";
    public static final String OUTCOME = "outcome";
    public static final String FAILURE = "failure";
    public static final String HALT = "halt";
    public static final String WINDOW = "window";
    public static final String CONFIG = "config";
    public static final String VERSIONS = "versions";
    public static final String PHASES = "phases";
    public static final String FAULTS = "faults";
    public static final String TIMELINE = "timeline";
    public static final String CHECKS = "checks";
    public static final String DATA = "data";

    // test
    public static final String CLASS = "class";
    public static final String METHOD = "method";
    public static final String DISPLAY_NAME = "displayName";
    public static final String UNIQUE_ID = "uniqueId";

    // halt
    public static final String REASON = "reason";
    public static final String PHASE = "phase";
    public static final String AT = "at";

    // config
    public static final String ENABLED = "enabled";
    public static final String DRY_RUN = "dryRun";
    public static final String TOXIPROXY = "toxiproxy";
    public static final String JOURNAL_DIR = "journalDir";
    public static final String EXPIRY = "expiry";

    // versions
    public static final String CHAOS_JUNIT = "chaosJunit";
    public static final String JUNIT_JUPITER = "junitJupiter";
    public static final String JAVA = "java";

    // phases[] (also phase)
    public static final String START = "start";
    public static final String END = "end";
    public static final String DURATION_MS = "durationMs";

    // faults[]
    public static final String INDEX = "index";
    public static final String ANNOTATION = "annotation";
    public static final String LOCATION = "location";
    public static final String KIND = "kind";
    public static final String TARGET = "target";
    public static final String SCHEDULE = "schedule";
    public static final String AFTER = "after";
    public static final String DURATION = "duration";
    public static final String EVERY = "every";
    public static final String ATTRIBUTES = "attributes";

    // timeline[] (also at, fault)
    public static final String OFFSET_MS = "offsetMs";
    public static final String FAULT = "fault";
    public static final String DESCRIPTION = "description";
    public static final String OCCURRENCE = "occurrence";
    public static final String ACTION = "action";
    public static final String DETAIL = "detail";

    // checks[] (also phase, status)
    public static final String CHECK = "check";
    public static final String MESSAGE = "message";
    public static final String DETAILS = "details";

    // data[] (also check) and a load's per-second timeline in its value
    public static final String VALUE = "value";
    public static final String SECONDS = "seconds";
    public static final String T = "t";
    public static final String COUNT = "count";
    public static final String ERRORS = "errors";
    public static final String DROPPED = "dropped";
    public static final String P50_MS = "p50Ms";
    public static final String P99_MS = "p99Ms";
    public static final String MAX_MS = "maxMs";

    // values of outcome
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    private JournalSchema() {
    }
}
