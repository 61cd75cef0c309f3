package dev.chaosjunit.load;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path into a JSON document in the small dialect that checks, captures and health probes share: names separated
 * by dots with optional {@code [index]} parts, such as {@code status}, {@code items[0].id} or {@code [0].name}.
 * Immutable and validated when made.
 */
public final class JsonPath {

    private static final Pattern SYNTAX = Pattern.compile(
            "(\\[\\d+\\]|[A-Za-z_$][A-Za-z0-9_$-]*)(\\[\\d+\\])*(\\.[A-Za-z_$][A-Za-z0-9_$-]*(\\[\\d+\\])*)*");

    private final String text;
    private final List<Object> steps;

    private JsonPath(String text) {
        this.text = text;
        this.steps = steps(text);
    }

    /**
     * The path {@code path}.
     *
     * @throws IllegalArgumentException naming {@code where} and the path when it is not in the dialect
     */
    public static JsonPath of(String path, String where) {
        if (path == null || !SYNTAX.matcher(path).matches()) {
            throw new IllegalArgumentException(where + ": \"" + path + "\" is not a JSON path; expected names separated"
                    + " by dots with optional [index] parts, for example \"status\", \"items[0].id\" or \"[0].name\"");
        }
        return new JsonPath(path);
    }

    /**
     * Reads the value at this path in the first {@code length} bytes of {@code body} (UTF-8): a string's value, a
     * number's or boolean's JSON text, {@code "null"} for JSON null, the compact JSON of an object or array;
     * {@code null} when the body is not JSON or the path is absent.
     */
    public String read(byte[] body, int length) {
        JsonElement e;
        try {
            e = JsonParser.parseReader(new InputStreamReader(new ByteArrayInputStream(body, 0, length),
                    StandardCharsets.UTF_8));
        } catch (JsonParseException ex) {
            return null;
        }
        for (Object step : steps) {
            e = e == null ? null : step instanceof Integer ? element((Integer) step, e) : field((String) step, e);
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

    private static JsonElement element(int index, JsonElement e) {
        if (!e.isJsonArray()) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        return index < a.size() ? a.get(index) : null;
    }

    private static JsonElement field(String name, JsonElement e) {
        if (!e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        return o.get(name);
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
        return List.copyOf(steps);
    }

    /** The path as written. */
    @Override
    public String toString() {
        return text;
    }
}
