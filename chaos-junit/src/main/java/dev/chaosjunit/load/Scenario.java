package dev.chaosjunit.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a user does, like a Locust task set: weighted tasks, each a sequence of requests, plus requests run once per
 * session before its first task (a login). A session holds cookies and captured values; in the closed model each
 * user is one session, in the open model each connection is one.
 *
 * <p>In the open model one arrival starts one task; the first request of a task is measured from the arrival's
 * intended time, the following ones from the completion of the previous request. A failed request ends its task.
 *
 * <p>Immutable: every method returns a new scenario.
 * <pre>{@code
 * Scenario user = Scenario.named("sock-shop user")
 *     .onStart(Request.get("/login").basicAuth("user", "password").check(Check.status(200)))
 *     .task("browse", 5, Request.get("/catalogue").capture(Capture.jsonField("itemId", "[0].id")))
 *     .task("buy", 1, Request.post("/cart").jsonBody("{\"id\":\"${itemId}\"}"), Request.post("/orders"));
 * }</pre>
 */
public final class Scenario {

    /**
     * A weighted sequence of requests.
     *
     * @param name the task's name
     * @param weight its weight among the scenario's tasks, above 0
     * @param requests what it sends, one after the other; at least one
     */
    public record Task(String name, int weight, List<Request> requests) {

        public Task {
            Objects.requireNonNull(name, "name");
            if (weight <= 0) {
                throw new IllegalArgumentException("task \"" + name + "\": weight must be > 0, got " + weight);
            }
            requests = List.copyOf(requests);
            if (requests.isEmpty()) {
                throw new IllegalArgumentException("task \"" + name + "\" needs at least one request");
            }
        }

        @Override
        public String toString() {
            return name + " (weight " + weight + ")";
        }
    }

    private final String name;
    private final List<Request> onStart;
    private final List<Task> tasks;

    private Scenario(String name, List<Request> onStart, List<Task> tasks) {
        this.name = name;
        this.onStart = onStart;
        this.tasks = tasks;
    }

    /** An empty scenario; add at least one task. */
    public static Scenario named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("scenario name must not be blank, got " + Args.quoted(name));
        }
        return new Scenario(name, List.of(), List.of());
    }

    /** A scenario of one request (what the command line and wrk do). */
    public static Scenario of(Request request) {
        return named(request.name()).task(request.name(), 1, request);
    }

    /** Requests each session runs once, before its first task (until they all succeed). */
    public Scenario onStart(Request... requests) {
        List<Request> r = new ArrayList<>(onStart);
        r.addAll(requireRequests("onStart", requests));
        return new Scenario(name, Collections.unmodifiableList(r), tasks);
    }

    /** Adds a task picked with probability {@code weight / sum of weights}. */
    public Scenario task(String taskName, int weight, Request... requests) {
        if (taskName == null || taskName.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank in scenario \"" + name + "\"");
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("task \"" + taskName + "\" in scenario \"" + name
                    + "\": weight must be > 0, got " + weight);
        }
        List<Task> t = new ArrayList<>(tasks);
        t.add(new Task(taskName, weight, List.copyOf(requireRequests("task \"" + taskName + "\"", requests))));
        return new Scenario(name, onStart, Collections.unmodifiableList(t));
    }

    public String name() {
        return name;
    }

    public List<Request> onStartRequests() {
        return onStart;
    }

    public List<Task> tasks() {
        return tasks;
    }

    private List<Request> requireRequests(String where, Request... requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.length == 0) {
            throw new IllegalArgumentException(where + " in scenario \"" + name + "\" needs at least one request");
        }
        for (Request r : requests) {
            Objects.requireNonNull(r, where + " request");
        }
        return List.of(requests);
    }

    @Override
    public String toString() {
        return name + " " + tasks;
    }
}
