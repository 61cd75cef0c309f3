package dev.chaosjunit.k8s.internal.select;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * How many of the candidates a fault picks: one, a fixed count, a percentage (rounded down, at least one) or all.
 * The choice is a seeded shuffle of the candidates sorted by name, so the same seed picks the same pods.
 */
public enum PickMode {
    ONE, COUNT, PERCENT, ALL;

    /** How many of {@code candidates} to pick for {@code value} (the count or the percentage). */
    public int howMany(int candidates, int value) {
        switch (this) {
            case ONE: return Math.min(1, candidates);
            case COUNT: return Math.min(value, candidates);
            case PERCENT: return candidates == 0 ? 0 : Math.max(1, candidates * value / 100);
            default: return candidates;
        }
    }

    /** Picks reproducibly. */
    public <T> List<T> pick(List<T> candidates, int value, Random random, Function<T, String> name) {
        List<T> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(name));
        java.util.Collections.shuffle(sorted, random);
        return List.copyOf(sorted.subList(0, howMany(sorted.size(), value)));
    }
}
