package dev.chaosjunit.k8s.internal.select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed Kubernetes label selector ({@code app=carts,tier!=db,env in (a,b),!legacy}).
 *
 * <p>Only the equality parts ({@code =}, {@code ==}) are sent to the API server; the whole selector is always
 * evaluated again on the client with {@link #matches}. This keeps set-based terms ({@code in}, {@code notin}) and
 * negations exact on every server, including test servers that would drop a term they do not understand and so
 * return more pods than the selector names.
 */
public final class Selector {

    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /** One term of a selector. */
    public record Term(String key, Op op, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            switch (op) {
                case EQUALS: return values.contains(v);
                case NOT_EQUALS: return v == null || !values.contains(v);
                case IN: return v != null && values.contains(v);
                case NOT_IN: return v == null || !values.contains(v);
                case EXISTS: return labels.containsKey(key);
                default: return !labels.containsKey(key);
            }
        }
    }

    /** A term's operator. */
    public enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

    private final String text;
    private final List<Term> terms;

    private Selector(String text, List<Term> terms) {
        this.text = text;
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException with a message naming the bad term and what is valid
     */
    public static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty: expected a label selector such as \"app=carts\" (an empty"
                    + " selector would match every pod of the namespace)");
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : splitTerms(text)) {
            terms.add(term(raw.strip()));
        }
        return new Selector(text.strip(), terms);
    }

    private static List<String> splitTerms(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("has an unmatched ')' at position " + (i + 1));
                }
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("has an unclosed '(': expected a set such as \"env in (a,b)\"");
        }
        out.add(text.substring(start));
        return out;
    }

    private static Term term(String t) {
        if (t.isEmpty()) {
            throw new IllegalArgumentException("has an empty term: expected terms separated by single commas");
        }
        java.util.regex.Matcher set = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\((.*)\\)").matcher(t);
        if (set.matches()) {
            Set<String> values = new java.util.LinkedHashSet<>();
            for (String v : set.group(3).split(",")) {
                values.add(value(t, v.strip()));
            }
            if (values.isEmpty() || (values.size() == 1 && values.contains(""))) {
                throw new IllegalArgumentException("term \"" + t + "\" has an empty set: expected at least one value");
            }
            return new Term(key(t, set.group(1)), set.group(2).equals("in") ? Op.IN : Op.NOT_IN, values);
        }
        int ne = t.indexOf("!=");
        if (ne > 0) {
            return new Term(key(t, t.substring(0, ne).strip()), Op.NOT_EQUALS, Set.of(value(t, t.substring(ne + 2).strip())));
        }
        int eq = t.indexOf('=');
        if (eq > 0) {
            int skip = t.startsWith("==", eq) ? 2 : 1;
            return new Term(key(t, t.substring(0, eq).strip()), Op.EQUALS, Set.of(value(t, t.substring(eq + skip).strip())));
        }
        if (eq == 0 || ne == 0) {
            throw new IllegalArgumentException("term \"" + t + "\" has no key before the operator");
        }
        if (t.startsWith("!")) {
            return new Term(key(t, t.substring(1).strip()), Op.NOT_EXISTS, Set.of());
        }
        if (t.contains(" ") || t.contains("(")) {
            throw new IllegalArgumentException("term \"" + t + "\" is not understood: expected key=value, key!=value,"
                    + " key in (a,b), key notin (a,b), key or !key");
        }
        return new Term(key(t, t), Op.EXISTS, Set.of());
    }

    private static String key(String term, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("term \"" + term + "\" has an invalid key \"" + key + "\": expected an"
                    + " optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.'");
        }
        return key;
    }

    private static String value(String term, String value) {
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("term \"" + term + "\" has an invalid value \"" + value + "\": expected"
                    + " up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        return value;
    }

    /** Whether {@code labels} satisfy every term. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return terms.stream().allMatch(t -> t.matches(l));
    }

    /** The equality terms, safe to send to any API server as a pre-filter (may match more; never fewer). */
    public Map<String, String> serverSideLabels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Term t : terms) {
            if (t.op() == Op.EQUALS) {
                out.put(t.key(), t.values().iterator().next());
            }
        }
        return out;
    }

    /** The terms. */
    public List<Term> terms() {
        return terms;
    }

    @Override
    public String toString() {
        return text;
    }
}
