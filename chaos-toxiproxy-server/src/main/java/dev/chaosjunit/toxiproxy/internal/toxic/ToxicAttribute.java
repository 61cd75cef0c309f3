package dev.chaosjunit.toxiproxy.internal.toxic;

/** One numeric attribute of a toxic type: its JSON name, unit and valid range (inclusive). */
public final class ToxicAttribute {
    private final String name;
    private final String unit;
    private final long min;
    private final long max;

    ToxicAttribute(String name, String unit, long min, long max) {
        this.name = name;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** "an integer number of milliseconds from 0 to 86400000". */
    public String validRange() {
        return "an integer number of " + unit + " from " + min + " to " + max;
    }
}
