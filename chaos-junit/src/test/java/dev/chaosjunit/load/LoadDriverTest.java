package dev.chaosjunit.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class LoadDriverTest {

    private TestServer server;

    @AfterEach
    void noThreadLeft() throws Exception {
        if (server != null) {
            server.close();
        }
        Set<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("chaos-load")).collect(Collectors.toSet());
        assertThat(left).as("load driver threads still alive after the run").isEmpty();
    }

    private LoadDriver driver(String path) {
        return LoadDriver.target(server.url(path)).progress(false).seed(1);
    }

    @Test
    void openModelAchievesTheTargetRate() throws Exception {
        server = new TestServer().ok("/hello", "hello");
        long t0 = System.nanoTime();
        LoadStats s = driver("/hello").profile(LoadProfile.constantRate(400, "2s")).run();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        // every arrival was sent and answered exactly once
        assertThat(s.count()).isEqualTo(800);
        assertThat(s.errors()).isZero();
        assertThat(s.dropped()).isZero();
        assertThat(server.hits("/hello")).isEqualTo(800);
        // the rate is over the seconds the run covered: from the start to the last response, which is after the last
        // arrival (due at 1.9975s) and within the run() call; a busy machine stretches the drain, not the count
        assertThat(s.duration()).isBetween(Duration.ofNanos(1_997_500_000L), elapsed);
        assertThat(s.throughput()).isCloseTo(800 / (s.duration().toNanos() / 1e9), within(1e-6));
        // loopback answers in about a millisecond (about 10ms under a CPU hog); a latency unit mix-up (microseconds
        // read as milliseconds) makes it about a second. Half of the 800 requests would have to wait half a second to
        // cross this, which takes a stall of more than a second
        assertThat(s.percentile(50)).isPositive().isLessThan(Duration.ofMillis(500))
                .isGreaterThanOrEqualTo(s.uncorrectedPercentile(50));
    }

    @Test
    void correctedLatencyShowsAServerStallThatUncorrectedHides() throws Exception {
        // One connection at 50/s for 3s; the 50th request stalls 1s. About 50 arrivals queue behind it: measured
        // from their intended times they waited 1s down to ~0 (uniformly), i.e. corrected latency exceeds x for a
        // fraction (1s - x) / 3s of all requests: p90 ~ 0.7s, p99 ~ 0.97s. Measured from the actual send only one
        // request was slow, so uncorrected p90/p99 stay small. Arrivals are never dropped (30s bound): a busy
        // machine that serves a request in more than 20ms makes the queue longer, never the count smaller.
        AtomicInteger n = new AtomicInteger();
        server = new TestServer().handle("/stall", ex -> {
            if (n.incrementAndGet() == 50) {
                sleep(1000);
            }
            TestServer.respond(ex, 200, "ok");
        });
        LoadStats s = driver("/stall").maxConnections(1).dropAfter("30s")
                .profile(LoadProfile.constantRate(50, "3s")).run();
        assertThat(s.count()).isEqualTo(150);
        assertThat(s.dropped()).isZero();
        // exact lower bounds, whatever the load: the ~50 arrivals due during the 1s stall (20ms apart) all complete
        // after it, so at least 50 (1 - x/1s) requests wait x or more: p90 (15 requests) >= 0.7s, p99 (2) >= 0.96s,
        // less one spacing of 20ms and 1% histogram resolution. A busy machine only adds to corrected latency.
        assertThat(s.percentile(90)).isGreaterThanOrEqualTo(Duration.ofMillis(670));
        assertThat(s.percentile(99)).isGreaterThanOrEqualTo(Duration.ofMillis(930));
        assertThat(s.uncorrectedMax()).as("the stalled request itself").isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(s.max()).isGreaterThanOrEqualTo(s.uncorrectedMax());
        // corrected = schedule lag + service time for every request, so the largest of each bounds it (1% per value):
        // a corrected latency measured from anywhere but the intended send time breaks this
        assertThat(s.max().toNanos()).isLessThanOrEqualTo(
                (long) ((s.scheduleLagPercentile(100).toNanos() + s.uncorrectedMax().toNanos()) * 1.02));
        // uncorrected latency hides the queue: only the stalled request was slow to serve. Measured from the same
        // origin as corrected latency, both would be equal; served by loopback, it is two orders of magnitude smaller
        assertThat(s.uncorrectedPercentile(90)).isLessThan(s.percentile(90).dividedBy(2));
        assertThat(s.uncorrectedPercentile(99)).isLessThan(s.percentile(99).dividedBy(2));
    }

    @Test
    void arrivalsThatFindEveryConnectionBusyTooLongAreDropped() throws Exception {
        server = new TestServer().handle("/slow", ex -> {
            sleep(1500);
            TestServer.respond(ex, 200, "late");
        });
        LoadStats s = driver("/slow").maxConnections(2).dropAfter("200ms")
                .profile(LoadProfile.constantRate(50, "1s")).run();
        // 50 arrivals: 2 get a connection, the others wait > 200ms for one and are dropped, never silently skipped
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.dropped()).isEqualTo(48);
        assertThat(s.count() + s.dropped()).isEqualTo(50);
        assertThat(s.offeredRate()).isPositive();
    }

    @Test
    void errorsAreClassifiedByKind() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = new TestServer()
                .handle("/e500", ex -> TestServer.respond(ex, 503, "down"))
                .handle("/e404", ex -> TestServer.respond(ex, 404, "nope"))
                .ok("/text", "nothing to see");
        Scenario s = Scenario.named("errors")
                .task("5xx", 1, Request.get("/e500"))
                .task("4xx", 1, Request.get("/e404"))
                .task("check", 1, Request.get("/text").check(Check.bodyContains("needle")));
        LoadStats st = LoadDriver.target(server.url("/")).progress(false).seed(3).scenario(s)
                .profile(LoadProfile.constantRate(150, "1s")).run();
        assertThat(st.count()).isEqualTo(150);
        assertThat(st.errors()).isEqualTo(150);
        assertThat(st.errorsByKind()).containsOnlyKeys(ErrorKind.HTTP_5XX, ErrorKind.HTTP_4XX, ErrorKind.CHECK_FAILED);
        assertThat(st.errorsByKind().get(ErrorKind.HTTP_5XX)).isEqualTo(server.hits("/e500"));
        assertThat(st.errorsByKind().get(ErrorKind.HTTP_4XX)).isEqualTo(server.hits("/e404"));
        assertThat(st.errorsByKind().get(ErrorKind.CHECK_FAILED)).isEqualTo(server.hits("/text"));
        assertThat(st.errorRate()).isEqualTo(1.0);
    }

    @Test
    void expectedStatusesAreNotErrors() throws Exception {
        server = new TestServer().handle("/missing", ex -> TestServer.respond(ex, 404, "{\"error\":\"no such sock\"}"));
        LoadStats s = driver("/").request(Request.get("/missing").check(Check.status(404),
                Check.jsonEquals("error", "no such sock"))).profile(LoadProfile.constantRate(50, "1s")).run();
        assertThat(s.count()).isEqualTo(50);
        assertThat(s.errors()).isZero();
    }

    @Test
    void refusedConnectionsAreCounted() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        LoadStats s = LoadDriver.target("http://127.0.0.1:" + port + "/").progress(false)
                .profile(LoadProfile.constantRate(50, "1s")).run();
        assertThat(s.count()).isEqualTo(50);
        assertThat(s.errorsByKind()).containsOnlyKeys(ErrorKind.CONNECT_REFUSED);
    }

    @Test
    void resetConnectionsAndTimeoutsAreCounted() throws Exception {
        try (ServerSocket rst = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread resetter = new Thread(() -> acceptLoop(rst, running, socket -> {
                socket.getInputStream().read(); // wait for the request, then RST
                socket.setSoLinger(true, 0);
                socket.close();
            }));
            Thread holder = new Thread(() -> acceptLoop(silent, running, held::add));
            resetter.start();
            holder.start();
            try {
                LoadStats reset = LoadDriver.target("http://127.0.0.1:" + rst.getLocalPort() + "/").progress(false)
                        .profile(LoadProfile.constantRate(20, "1s")).run();
                assertThat(reset.count()).isEqualTo(20);
                assertThat(reset.errorsByKind()).containsOnlyKeys(ErrorKind.RESET);

                LoadStats timeout = LoadDriver.target("http://127.0.0.1:" + silent.getLocalPort() + "/")
                        .progress(false).requestTimeout("300ms").profile(LoadProfile.constantRate(10, "1s")).run();
                assertThat(timeout.count()).isEqualTo(10);
                assertThat(timeout.errorsByKind()).containsOnlyKeys(ErrorKind.TIMEOUT);
                // at or after the 300ms request timeout (exact, less 1% resolution); a request timeout that is not
                // applied leaves them to the 5s drain after the 1s schedule (4s to 5s each): 2.5s is far from both
                assertThat(timeout.uncorrectedPercentile(50)).isBetween(Duration.ofMillis(297), Duration.ofMillis(2_500));
            } finally {
                running.set(false);
                rst.close();
                silent.close();
                for (Socket s : held) {
                    s.close();
                }
                resetter.join(2000);
                holder.join(2000);
            }
        }
    }

    interface SocketAction {
        void accept(Socket s) throws IOException;
    }

    private static void acceptLoop(ServerSocket ss, AtomicBoolean running, SocketAction action) {
        while (running.get()) {
            try {
                Socket s = ss.accept();
                action.accept(s);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void closedModelUsersThinkBetweenTasks() throws Exception {
        server = new TestServer().ok("/t", "t");
        long t0 = System.nanoTime();
        LoadStats s = driver("/t").profile(LoadProfile.closed(4, "1s").withThinkTime(ThinkTime.fixed("100ms"))).run();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(s.errors()).isZero();
        assertThat(server.hits("/t")).isEqualTo(s.count());
        // exact: a user's sends are at least one 100ms pause apart and none is after the 1s schedule: 4 x (1 + 10)
        assertThat(s.count()).isLessThanOrEqualTo(44L);
        // the pauses actually taken (PausesTaken), from the run's latency sum and elapsed time: 100ms each whatever the
        // load; skipped pauses give ~0ms, doubled ones 200ms; 150ms is crossed only if the users' last sends were
        // skipped after a stall of about half a second at the very end
        PausesTaken taken = PausesTaken.of(s, 4, Duration.ofSeconds(1), Duration.ofMillis(100), elapsed);
        assertThat(taken.highEstimateMillis()).as("%s", taken).isGreaterThanOrEqualTo(100.0);
        assertThat(taken.lowEstimateMillis()).as("%s", taken).isLessThanOrEqualTo(150.0);
    }

    @Test
    void closedModelWithoutThinkTimeRunsFlatOut() throws Exception {
        server = new TestServer().ok("/t", "t");
        LoadStats s = driver("/t").profile(LoadProfile.closed(2, "1s")).run();
        assertThat(s.errors()).isZero();
        assertThat(server.hits("/t")).isEqualTo(s.count());
        assertThat(s.count()).isGreaterThan(2 * 2);
        // flat out: each user's next request is due the moment the previous response arrives, so its corrected
        // latencies tile the time from the start to its last response, which is after the 1s schedule: the latency
        // sum is at least 2 users x 1s, exactly (1% histogram resolution), however slow the machine. Any pause
        // between requests (a default think time, a timer tick) is missing from that sum and fails it.
        assertThat(s.count() * (s.mean().toNanos() / 1e6) * 1.01).as("%s", s).isGreaterThanOrEqualTo(2 * 1000.0);
    }

    @Test
    void windowsCanBeReadWhileTheRunGoesOn() throws Exception {
        server = new TestServer().ok("/w", "w");
        try (LoadRun run = driver("/w").profile(LoadProfile.constantRate(200, "4s")).start()) {
            Instant start = run.startedAt();
            Thread.sleep(2300);
            // the schedule lasts 4s, so the run goes on; seconds 0 and 1 are published as soon as the event loop
            // passes 2s (a starved loop publishes them later: wait for that, the run is still going)
            assertThat(run.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> run.window(start, start.plusSeconds(2)).duration().equals(Duration.ofSeconds(2)));
            LoadStats firstTwo = run.window(start, start.plusSeconds(2));
            boolean readWhileRunning = run.isRunning();
            assertThat(firstTwo.throughput()).isEqualTo(firstTwo.count() / 2.0);
            LoadStats soFar = run.window(start, Instant.now());
            assertThat(soFar.count()).isGreaterThanOrEqualTo(firstTwo.count());
            LoadStats total = run.awaitCompletion();
            assertThat(readWhileRunning).as("a stall of 1.7s would end the run first").isTrue();
            assertThat(total.count()).isEqualTo(800);
            assertThat(run.isRunning()).isFalse();
            // a published second never changes: the window read while running is the final one
            assertThat(run.window(start, start.plusSeconds(2)).count()).isEqualTo(firstTwo.count());
            // 400 were due in the first two seconds, none is counted before it is sent; those that completed later
            // are bounded by the run's highest corrected latency (DocExamplesTest.LateArrivals: 5ms apart)
            long late = DocExamplesTest.LateArrivals.atMost(total, 5);
            assertThat(firstTwo.count()).isBetween(400L - late, 400L);
            assertThat(run.window(start.plusSeconds(3), start.plusSeconds(4)).count()).isBetween(200L - late, 200L + late);
            // seconds 0..3 of the schedule, plus the seconds the drain of the last response reached
            long drainSeconds = (long) Math.ceil(total.max().toNanos() * 1.01 / 1e9);
            assertThat(run.timeline()).hasSizeBetween(4, (int) (5 + drainSeconds));
        }
    }

    @Test
    void stopDrainsAndEndsTheRunEarly() throws Exception {
        server = new TestServer().ok("/s", "s");
        long beforeStart = System.nanoTime();
        LoadRun run = driver("/s").profile(LoadProfile.constantRate(100, "30s")).start();
        long afterStart = System.nanoTime();
        Thread.sleep(1200);
        long t0 = System.nanoTime();
        LoadStats total = run.stop();
        long t1 = System.nanoTime();
        // a stop that is ignored runs out the 30s schedule; a prompt one takes milliseconds plus the drain of the
        // requests in flight (about a millisecond on loopback); 10s is far from both
        assertThat(Duration.ofNanos(t1 - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(run.isRunning()).isFalse();
        // exact: arrivals 10ms apart; every one due before the stop was asked was sent or dropped, none due after
        // stop() returned was sent (each counted once, never skipped)
        long dueBeforeStop = 1 + (t0 - afterStart) / 10_000_000L;
        long dueBeforeReturn = 1 + (t1 - beforeStart) / 10_000_000L;
        assertThat(total.count() + total.dropped()).isBetween(dueBeforeStop, dueBeforeReturn);
        assertThat(server.hits("/s")).isEqualTo(total.count());
        assertThat(total.errors()).isZero();
        run.close(); // idempotent
    }

    @Test
    void micrometerMetersFollowTheRun() throws Exception {
        server = new TestServer().ok("/m", "m").handle("/bad", ex -> TestServer.respond(ex, 500, "x"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Scenario sc = Scenario.named("metered").task("ok", 3, Request.get("/m")).task("bad", 1, Request.get("/bad"));
        LoadStats s = driver("/").scenario(sc).meterRegistry(registry)
                .profile(LoadProfile.constantRate(100, "1s")).run();
        double ok = registry.get("chaos.load.requests").tag("outcome", "ok").counter().count();
        double bad = registry.get("chaos.load.requests").tag("outcome", "http_5xx").counter().count();
        assertThat(ok).isEqualTo((double) s.successes());
        assertThat(bad).isEqualTo((double) s.errorsByKind().get(ErrorKind.HTTP_5XX));
        assertThat(ok + bad).isEqualTo(100.0);
        assertThat(registry.get("chaos.load.latency").tag("load", "metered").timer().count()).isEqualTo(100);
        assertThat(registry.get("chaos.load.dropped").counter().count()).isZero();
    }

    @Test
    void progressLinesGoToTheSinkOncePerSecondAndCanBeSilenced() throws Exception {
        server = new TestServer().ok("/p", "p");
        List<String> lines = new CopyOnWriteArrayList<>();
        LoadDriver d = LoadDriver.target(server.url("/p")).label("before").progressSink(lines::add)
                .profile(LoadProfile.constantRate(100, "3s"));
        LoadStats s = d.run();
        // one line per finished second, in order, none twice: at most one per second the run covered (3, or 4 if the
        // drain of the last response reached into second 3). The progress thread reports second 0 at about 1.05s
        // and the run lasts at least 3s: missing every line takes a stall of about two seconds
        long seconds = (long) Math.ceil(s.duration().toNanos() / 1e9);
        assertThat(lines).isNotEmpty().hasSizeLessThanOrEqualTo((int) seconds);
        for (int i = 0; i < lines.size(); i++) {
            // on a loaded machine the driver may fall behind its schedule and says so at the end of the line
            assertThat(lines.get(i)).matches("chaos-load \\[before] " + (i + 1) + "s: \\d+/100 req/s, errors 0, dropped 0,"
                    + " p99 [0-9.]+ms(, SATURATED \\(lag p99 [0-9.]+ms\\))?");
        }

        lines.clear();
        d.progress(false).profile(LoadProfile.constantRate(100, "1500ms")).run();
        assertThat(lines).isEmpty();

        System.setProperty(LoadDriver.PROGRESS_PROPERTY, "false");
        try {
            d.profile(LoadProfile.constantRate(100, "1500ms")).run();
        } finally {
            System.clearProperty(LoadDriver.PROGRESS_PROPERTY);
        }
        assertThat(lines).isEmpty();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
