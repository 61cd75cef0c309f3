package dev.chaosjunit.toxiproxy.internal.toxic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.chaosjunit.toxiproxy.internal.ApiException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable, validated toxic as the API sees it: name, type, stream, toxicity and every attribute (defaults 0).
 * A new instance is made for every update, so live connections can tell by identity whether their stage is current.
 */
public final class ToxicSpec {
    private final String name;
    private final ToxicType type;
    private final StreamDirection stream;
    private final float toxicity;
    private final Map<String, Long> attributes;

    private ToxicSpec(String name, ToxicType type, StreamDirection stream, float toxicity, Map<String, Long> attributes) {
        this.name = name;
        this.type = type;
        this.stream = stream;
        this.toxicity = toxicity;
        this.attributes = Collections.unmodifiableMap(attributes);
    }

    public String name() {
        return name;
    }

    public ToxicType type() {
        return type;
    }

    public StreamDirection stream() {
        return stream;
    }

    public float toxicity() {
        return toxicity;
    }

    public Map<String, Long> attributes() {
        return attributes;
    }

    /** A stage for one connection, or {@code null} when the per-connection toxicity roll says "not this one". */
    public ToxicStage newStageOrNull(StageContext context) {
        if (toxicity < 1f && !(context.random().nextDouble() < toxicity)) {
            return null;
        }
        return type.newStage(context, attributes);
    }

    /** Parses a create request ({@code POST /proxies/{proxy}/toxics}) with Toxiproxy's defaults. */
    public static ToxicSpec fromCreateRequest(JsonObject body, String proxyName) {
        String typeName = optionalString(body, "type", "toxic");
        if (typeName == null || typeName.isEmpty()) {
            throw ApiException.badRequest("invalid toxic type: missing field 'type' on a toxic for proxy '" + proxyName
                    + "' (valid types: " + ToxicType.validNames() + ")");
        }
        ToxicType type = ToxicType.parse(typeName);
        String streamName = optionalString(body, "stream", "toxic");
        StreamDirection stream = streamName == null ? StreamDirection.DOWNSTREAM : StreamDirection.parse(streamName);
        String name = optionalString(body, "name", "toxic");
        if (name == null || name.isEmpty()) {
            name = type.json() + "_" + stream.json();
        }
        checkName(name);
        String what = describe(name, type);
        float toxicity = body.has("toxicity") && !body.get("toxicity").isJsonNull()
                ? parseToxicity(body.get("toxicity"), what) : 1f;
        Map<String, Long> attributes = new LinkedHashMap<>();
        for (ToxicAttribute attribute : type.attributes()) {
            attributes.put(attribute.name(), 0L);
        }
        mergeAttributes(body, type, attributes, what);
        type.checkCombination(what, attributes);
        return new ToxicSpec(name, type, stream, toxicity, attributes);
    }

    /** Applies an update request: given attributes and toxicity replace the current ones, the rest stays. */
    public ToxicSpec updatedWith(JsonObject body) {
        String what = describe(name, type);
        float newToxicity = body.has("toxicity") && !body.get("toxicity").isJsonNull()
                ? parseToxicity(body.get("toxicity"), what) : toxicity;
        Map<String, Long> merged = new LinkedHashMap<>(attributes);
        mergeAttributes(body, type, merged, what);
        type.checkCombination(what, merged);
        return new ToxicSpec(name, type, stream, newToxicity, merged);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        JsonObject attrs = new JsonObject();
        attributes.forEach(attrs::addProperty);
        json.add("attributes", attrs);
        json.addProperty("name", name);
        json.addProperty("type", type.json());
        json.addProperty("stream", stream.json());
        json.addProperty("toxicity", toxicity);
        return json;
    }

    private static void checkName(String name) {
        if (name.contains("/")) {
            throw ApiException.badRequest("bad request body: toxic name '" + name + "' must not contain '/'");
        }
    }

    private static String describe(String name, ToxicType type) {
        return "toxic '" + name + "' (type " + type.json() + ")";
    }

    private static void mergeAttributes(JsonObject body, ToxicType type, Map<String, Long> into, String what) {
        JsonElement element = body.get("attributes");
        if (element == null || element.isJsonNull()) {
            return;
        }
        if (!element.isJsonObject()) {
            throw ApiException.badRequest("bad request body: " + what + ": 'attributes' must be a JSON object, got "
                    + element);
        }
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            ToxicAttribute attribute = type.attributes().stream()
                    .filter(a -> a.name().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("bad request body: " + what + ": unknown attribute '"
                            + entry.getKey() + "' (valid attributes: " + validAttributes(type) + ")"));
            into.put(attribute.name(), parseAttribute(entry.getValue(), attribute, what));
        }
    }

    private static String validAttributes(ToxicType type) {
        return String.join(", ", type.attributes().stream().map(ToxicAttribute::name).toArray(String[]::new));
    }

    private static long parseAttribute(JsonElement value, ToxicAttribute attribute, String what) {
        String problem = what + ": attribute '" + attribute.name() + "' must be " + attribute.validRange() + ", got "
                + value;
        if (!(value instanceof JsonPrimitive) || !((JsonPrimitive) value).isNumber()) {
            throw ApiException.badRequest("bad request body: " + problem);
        }
        BigDecimal number;
        try {
            number = value.getAsBigDecimal();
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad request body: " + problem);
        }
        if (number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(attribute.min())) < 0
                || number.compareTo(BigDecimal.valueOf(attribute.max())) > 0) {
            throw ApiException.badRequest("bad request body: " + problem);
        }
        return number.longValueExact();
    }

    private static float parseToxicity(JsonElement value, String what) {
        String problem = "bad request body: " + what + ": 'toxicity' must be a number from 0.0 to 1.0, got " + value;
        if (!(value instanceof JsonPrimitive) || !((JsonPrimitive) value).isNumber()) {
            throw ApiException.badRequest(problem);
        }
        double toxicity;
        try {
            toxicity = value.getAsDouble();
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(problem);
        }
        if (!(toxicity >= 0.0 && toxicity <= 1.0)) {
            throw ApiException.badRequest(problem);
        }
        return (float) toxicity;
    }

    private static String optionalString(JsonObject body, String field, String what) {
        JsonElement element = body.get(field);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (!(element instanceof JsonPrimitive) || !((JsonPrimitive) element).isString()) {
            throw ApiException.badRequest("bad request body: " + what + " field '" + field + "' must be a string, got "
                    + element);
        }
        return element.getAsString();
    }
}
