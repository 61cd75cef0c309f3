package dev.chaosjunit.toxiproxy.internal.toxic;

import dev.chaosjunit.toxiproxy.internal.ApiException;
import java.util.Locale;

/** Which way a toxic acts: {@code upstream} is client to server, {@code downstream} server to client. */
public enum StreamDirection {
    UPSTREAM("upstream"),
    DOWNSTREAM("downstream");

    private final String json;

    StreamDirection(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** Parses Toxiproxy's stream names (case-insensitive, as Toxiproxy does). */
    public static StreamDirection parse(String value) {
        if (value != null) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "upstream":
                    return UPSTREAM;
                case "downstream":
                    return DOWNSTREAM;
                default:
                    break;
            }
        }
        throw ApiException.badRequest("stream was invalid, can be either upstream or downstream: got '" + value + "'");
    }
}
