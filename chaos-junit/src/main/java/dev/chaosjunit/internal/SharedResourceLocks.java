package dev.chaosjunit.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key locks held while a test's faults may be active, so that parallel tests never put faults on the same shared
 * resource (a proxy, a deployment) at the same time, even without {@code @ResourceLock}. Keys are locked in sorted
 * order, so two tests can never deadlock.
 */
public final class SharedResourceLocks {

    private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private SharedResourceLocks() {
    }

    /** Locks every key, in sorted order; returns a handle that unlocks them. */
    public static AutoCloseable lock(Collection<String> keys) throws InterruptedException {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String key : new TreeSet<>(keys)) {
                ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock(true));
                lock.lockInterruptibly();
                held.add(lock);
            }
        } catch (InterruptedException e) {
            unlock(held);
            throw e;
        }
        return () -> unlock(held);
    }

    private static void unlock(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }
}
