package dev.chaosjunit.check;

/**
 * The phases of a chaos experiment, in the order they happen.
 *
 * <ul>
 *   <li>{@link #BEFORE}: the baseline, measured before any fault starts; the steady-state hypothesis must hold here,
 *       otherwise the system was not steady before chaos and the experiment proves nothing.</li>
 *   <li>{@link #DURING}: while faults are scheduled; checks are evaluated continuously and may halt the experiment.</li>
 *   <li>{@link #AFTER}: the recovery window after every fault was reverted.</li>
 * </ul>
 */
public enum Phase {
    BEFORE,
    DURING,
    AFTER;

    /** The lower-case name used in reports, journals and messages ({@code "before"}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
