package dev.chaosjunit.toxiproxy.internal.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import java.math.BigDecimal;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * A strict JSON parse (RFC 8259): no comments, no unquoted or single-quoted names or values, no {@code =} or
 * {@code =>} for {@code :}, no {@code ;} for {@code ,}, no NaN, nothing after the value, and no name twice in one
 * object. Gson's own parser is lenient about all of these.
 */
public final class StrictJson {
    private static final int MAX_DEPTH = 64;

    private StrictJson() {
    }

    /** Parses the text; a problem throws {@link IllegalArgumentException} with what and where. */
    public static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = read(reader, 0);
            boolean more;
            try {
                more = reader.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                more = true;
            }
            if (more) {
                throw new IllegalArgumentException("more data after the JSON value");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** Gson's message without its advice to parse leniently and its link. */
    private static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        int see = message.indexOf("\nSee ");
        if (see >= 0) {
            message = message.substring(0, see);
        }
        return message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "not strict JSON").trim();
    }

    private static JsonElement read(JsonReader reader, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw new IllegalArgumentException("duplicate key '" + name + "' at " + reader.getPath());
                    }
                    object.add(name, read(reader, depth + 1));
                }
                reader.endObject();
                return object;
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, depth + 1));
                }
                reader.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalArgumentException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }
}
