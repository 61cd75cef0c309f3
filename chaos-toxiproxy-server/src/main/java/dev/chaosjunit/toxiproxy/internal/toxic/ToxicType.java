package dev.chaosjunit.toxiproxy.internal.toxic;

import dev.chaosjunit.toxiproxy.internal.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The toxic types this server implements, with their attributes and the stage that applies each. */
public enum ToxicType {
    LATENCY("latency", List.of(
            new ToxicAttribute("latency", "milliseconds", 0, ToxicType.MAX_MILLIS),
            new ToxicAttribute("jitter", "milliseconds", 0, ToxicType.MAX_MILLIS))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new LatencyStage(context, a.get("latency"), a.get("jitter"));
        }
    },
    BANDWIDTH("bandwidth", List.of(new ToxicAttribute("rate", "KB/s", 0, 10_000_000L))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new BandwidthStage(context, a.get("rate"));
        }
    },
    SLOW_CLOSE("slow_close", List.of(new ToxicAttribute("delay", "milliseconds", 0, ToxicType.MAX_MILLIS))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new SlowCloseStage(context, a.get("delay"));
        }
    },
    TIMEOUT("timeout", List.of(new ToxicAttribute("timeout", "milliseconds", 0, ToxicType.MAX_MILLIS))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new TimeoutStage(context, a.get("timeout"));
        }
    },
    RESET_PEER("reset_peer", List.of(new ToxicAttribute("timeout", "milliseconds", 0, ToxicType.MAX_MILLIS))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new ResetPeerStage(context, a.get("timeout"));
        }
    },
    SLICER("slicer", List.of(
            new ToxicAttribute("average_size", "bytes", 1, 1_048_576L),
            new ToxicAttribute("size_variation", "bytes", 0, 1_048_575L),
            new ToxicAttribute("delay", "microseconds", 0, 60_000_000L))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new SlicerStage(context, a.get("average_size"), a.get("size_variation"), a.get("delay"));
        }

        @Override
        void checkCombination(String what, Map<String, Long> a) {
            if (a.get("average_size") < 1) {
                throw ApiException.badRequest("bad request body: " + what + ": attribute 'average_size' is required and "
                        + "must be " + attributes().get(0).validRange() + ", got " + a.get("average_size"));
            }
            if (a.get("size_variation") >= a.get("average_size")) {
                throw ApiException.badRequest("bad request body: " + what + ": attribute 'size_variation' must be less than 'average_size' ("
                        + a.get("average_size") + "), got " + a.get("size_variation"));
            }
        }
    },
    LIMIT_DATA("limit_data", List.of(new ToxicAttribute("bytes", "bytes", 0, Long.MAX_VALUE))) {
        @Override
        ToxicStage newStage(StageContext context, Map<String, Long> a) {
            return new LimitDataStage(context, a.get("bytes"));
        }
    };

    /** One day: the longest latency, delay or timeout accepted. */
    static final long MAX_MILLIS = 86_400_000L;

    private final String json;
    private final List<ToxicAttribute> attributes;

    ToxicType(String json, List<ToxicAttribute> attributes) {
        this.json = json;
        this.attributes = attributes;
    }

    public String json() {
        return json;
    }

    public List<ToxicAttribute> attributes() {
        return attributes;
    }

    abstract ToxicStage newStage(StageContext context, Map<String, Long> attributes);

    void checkCombination(String what, Map<String, Long> attributes) {
    }

    public static String validNames() {
        return Arrays.stream(values()).map(ToxicType::json).collect(Collectors.joining(", "));
    }

    public static ToxicType parse(String value) {
        for (ToxicType type : values()) {
            if (type.json.equals(value)) {
                return type;
            }
        }
        throw ApiException.badRequest("invalid toxic type: '" + value + "' (valid types: " + validNames() + ")");
    }
}
