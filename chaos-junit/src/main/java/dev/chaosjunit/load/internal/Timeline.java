package dev.chaosjunit.load.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-second buckets of a run, published by the event loops as each second ends and readable at any time from
 * any thread. Second {@code s} covers {@code [start + s, start + s + 1s)} (the last one may be shorter).
 */
public final class Timeline {

    private final Instant startInstant;
    private final long startNanos;
    private final int loops;
    private final TreeMap<Long, SecondBucket[]> seconds = new TreeMap<>();
    private final long[] publishedThrough;

    Timeline(Instant startInstant, long startNanos, int loops) {
        this.startInstant = startInstant;
        this.startNanos = startNanos;
        this.loops = loops;
        this.publishedThrough = new long[loops];
        Arrays.fill(publishedThrough, -1);
    }

    Instant startInstant() {
        return startInstant;
    }

    long startNanos() {
        return startNanos;
    }

    synchronized void publish(int loop, SecondBucket bucket) {
        seconds.computeIfAbsent(bucket.second, k -> new SecondBucket[loops])[loop] = bucket;
        publishedThrough[loop] = Math.max(publishedThrough[loop], bucket.second);
    }

    /** The last second every loop has published, or -1. */
    synchronized long completeThrough() {
        long min = Long.MAX_VALUE;
        for (long p : publishedThrough) {
            min = Math.min(min, p);
        }
        return min;
    }

    /** The buckets of the seconds whose midpoint lies in {@code [from, to)}, as published so far. */
    WindowStats window(Instant from, Instant to) {
        long fromOffset = Duration.between(startInstant, from).toNanos();
        long toOffset = Duration.between(startInstant, to).toNanos();
        // midpoint of second s is s*1e9 + 0.5e9; it lies in [from, to) for s in
        // [ceil((from-0.5e9)/1e9), ceil((to-0.5e9)/1e9))
        long first = Math.floorDiv(fromOffset - 500_000_000L + 999_999_999L, 1_000_000_000L);
        long last = Math.floorDiv(toOffset - 500_000_000L + 999_999_999L, 1_000_000_000L);
        long inFlightAtStart = 0;
        for (SecondBucket b : buckets(Long.MIN_VALUE, first)) {
            inFlightAtStart += b.started - b.count;
        }
        return WindowStats.of(from, to, buckets(first, last), inFlightAtStart);
    }

    /** All buckets published so far. */
    WindowStats total() {
        List<SecondBucket> all = buckets(Long.MIN_VALUE, Long.MAX_VALUE);
        Instant to = all.isEmpty() ? startInstant : instantOf(all.get(all.size() - 1).second + 1);
        return WindowStats.of(startInstant, to, all);
    }

    /** One stats object per published second, in order. */
    List<WindowStats> perSecond() {
        List<WindowStats> out = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Long, SecondBucket[]> e : seconds.entrySet()) {
                List<SecondBucket> bs = new ArrayList<>();
                for (SecondBucket b : e.getValue()) {
                    if (b != null) {
                        bs.add(b);
                    }
                }
                out.add(WindowStats.of(instantOf(e.getKey()), instantOf(e.getKey() + 1), bs));
            }
        }
        return out;
    }

    Instant instantOf(long second) {
        return startInstant.plusSeconds(second);
    }

    private synchronized List<SecondBucket> buckets(long first, long lastExclusive) {
        List<SecondBucket> out = new ArrayList<>();
        if (first >= lastExclusive) {
            return out;
        }
        for (SecondBucket[] arr : seconds.subMap(first, true, lastExclusive, false).values()) {
            for (SecondBucket b : arr) {
                if (b != null) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}
