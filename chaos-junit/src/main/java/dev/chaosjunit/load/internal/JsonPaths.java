package dev.chaosjunit.load.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The small JSON path dialect of checks and captures: {@code a.b[0].c}, {@code [1].id}. Uses gson. */
public final class JsonPaths {

    private static final Pattern SYNTAX =
            Pattern.compile("(\\[\\d+\\]|[A-Za-z_$][A-Za-z0-9_$-]*)(\\[\\d+\\])*(\\.[A-Za-z_$][A-Za-z0-9_$-]*(\\[\\d+\\])*)*");

    private JsonPaths() {
    }

    /** Throws a clear message when {@code path} is not in the dialect. */
    public static void validate(String path, String where) {
        if (path == null || !SYNTAX.matcher(path).matches()) {
            throw new IllegalArgumentException(where + ": \"" + path + "\" is not a JSON path; expected names separated"
                    + " by dots with optional [index] parts, for example \"status\", \"items[0].id\" or \"[0].name\"");
        }
    }

    /**
     * Reads the value at {@code path}: a string's value, a number's or boolean's JSON text, {@code "null"} for JSON
     * null, the compact JSON of an object or array; {@code null} when the body is not JSON or the path is absent.
     */
    public static String read(byte[] body, int length, String path) {
        JsonElement e;
        try {
            e = JsonParser.parseReader(new InputStreamReader(new ByteArrayInputStream(body, 0, length), StandardCharsets.UTF_8));
        } catch (JsonParseException ex) {
            return null;
        }
        for (Object step : steps(path)) {
            if (e == null) {
                return null;
            }
            if (step instanceof Integer) {
                if (!e.isJsonArray()) {
                    return null;
                }
                JsonArray a = e.getAsJsonArray();
                int i = (Integer) step;
                e = i < a.size() ? a.get(i) : null;
            } else {
                if (!e.isJsonObject()) {
                    return null;
                }
                JsonObject o = e.getAsJsonObject();
                e = o.get((String) step);
            }
        }
        if (e == null) {
            return null;
        }
        if (e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonPrimitive()) {
            return e.getAsJsonPrimitive().isString() ? e.getAsString() : e.toString();
        }
        return e.toString();
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                steps.add(Integer.parseInt(path.substring(i + 1, end)));
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(path.substring(i, end));
                i = end;
            }
        }
        return steps;
    }
}
