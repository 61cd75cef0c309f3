package dev.chaosjunit.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A running (or finished) load run, returned by {@link LoadDriver#start()}. Stats can be read at any time from any
 * thread, while the run goes on and after it ended. {@link #close()} stops it and releases every thread and socket.
 */
public interface LoadRun extends AutoCloseable {

    /** When the schedule started (second 0 of the timeline). */
    Instant startedAt();

    /** The profile being run. */
    LoadProfile profile();

    /** The seed of task choice and think times (and nothing else; Poisson arrivals have their own). */
    long seed();

    /** Aggregate of the seconds whose midpoint lies in {@code [from, to)}, as far as they are over. */
    LoadStats window(Instant from, Instant to);

    /** Aggregate of every second so far. */
    LoadStats total();

    /** One aggregate per second so far, in order (for charts and journals). */
    List<LoadStats> timeline();

    /** Sets the label the progress line shows, for example the experiment phase ({@code "during"}). */
    void label(String label);

    /**
     * Ends the progress line at {@code end}: no second that ends after it is reported, though the load goes on
     * (a steady-state check calls this when the experiment's last phase ends, before it judges that phase).
     */
    void endProgress(Instant end);

    /** {@code true} until the schedule ended (or a stop was asked) and in-flight requests were drained. */
    boolean isRunning();

    /** Waits until the profile's duration is over and in-flight requests drained; returns the total. */
    LoadStats awaitCompletion() throws InterruptedException;

    /** Waits at most {@code timeout}; returns whether the run completed. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException;

    /**
     * Stops offering load, drains in-flight requests within the drain bound (those still in flight then count as
     * {@link ErrorKind#TIMEOUT}), closes every connection and thread, and returns the total. Idempotent.
     */
    LoadStats stop();

    /** Same as {@link #stop()}. */
    @Override
    void close();
}
