package dev.herald.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four scenarios of the benchmark, run against one started {@link Target}. Each opens its receivers through a
 * {@link WorkerGroup}, drives the target, waits (bounded) for every message to arrive and returns what it measured;
 * none of them throws for a target that misbehaves: that is recorded in the result's problems.
 */
final class Scenarios {

    private static final Pattern MINTED_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CONNECTIONS = Pattern.compile("\"connections\"\\s*:\\s*(\\d+)");
    private static final long DRAIN_MILLIS = 30_000;
    private static final int S3_WARM_CONNECTIONS = 1_000;

    private final Settings settings;
    private final Target target;
    private final Path logs;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private String token;

    Scenarios(Settings settings, Target target, Path logs, PrintStream log) {
        this.settings = settings;
        this.target = target;
        this.logs = logs;
        this.log = log;
    }

    /**
     * The bearer token for the HTTP trigger: the one given on the command line, or else one the target mints for
     * itself through {@code POST /api/tokens} (Herald's embedded run does; the baselines need none and answer 404).
     */
    private String token(Target issuer) {
        if (token == null) {
            token = settings.token() != null ? settings.token() : mintPublisherToken(issuer).orElse("");
        }
        return token.isEmpty() ? null : token;
    }

    private java.util.Optional<String> mintPublisherToken(Target issuer) {
        try {
            HttpRequest request = HttpRequest.newBuilder(issuer.base().resolve("api/tokens"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sub\":\"bench\",\"groups\":[\"publisher\"],\"ttl_seconds\":86400}"))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher minted = MINTED_TOKEN.matcher(response.body());
            return response.statusCode() / 100 == 2 && minted.find() ? java.util.Optional.of(minted.group(1))
                    : java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * S1 (and S4 when {@code stalled}): receivers on {@code /chat}, one publisher as fast as the target delivers.
     *
     * @param connections receivers, at most {@link Settings#mostReceivers()}
     * @param stalled     whether one extra client connects and never reads
     * @return the result
     */
    ScenarioResult fanOut(int connections, boolean stalled) throws Exception {
        ScenarioResult result = new ScenarioResult(target.name(), stalled ? "S4" : "S1", connections,
                Math.min(connections, settings.mostReceivers()));
        try (WorkerGroup receivers = WorkerGroup.start(settings, target.ws("chat"), result.receivers, logs)) {
            result.open = receivers.awaitReady(connectMillis(result.receivers));
            StalledClient slow = stalled ? StalledClient.open(target.ws("chat")) : null;
            try (ChatPublisher publisher = ChatPublisher.connect(target.ws("chat"), settings.handshakeMillis())) {
                if (stalled) {
                    heap(result, "heapBefore", "rssBefore", null);
                }
                ChatPublisher.Sent warm = publisher.publish(0, deadline(settings.warmupSeconds()), false,
                        settings.window(), receivers::minReceived);
                receivers.mark();
                Window window = Window.open(target);
                int seconds = stalled ? settings.s4Seconds() : settings.s1Seconds();
                ChatPublisher.Sent timed = publisher.publish(warm.messages(), deadline(seconds), true,
                        settings.window(), receivers::minReceived);
                result.messages = warm.messages() + timed.messages();
                collect(result, receivers, timed.firstTimedMicros(), window);
                if (stalled) {
                    stalledFate(result, slow);
                }
            } finally {
                if (slow != null) {
                    slow.close();
                }
            }
        }
        awaitIdle();
        return result;
    }

    private void stalledFate(ScenarioResult result, StalledClient slow) {
        // Receivers + the publisher are what a target that dropped the stalled client still holds on /chat.
        long held = registryConnections();
        result.figures.put("chatConnectionsHeld", held);
        result.figures.put("stalledRemoved", held >= 0 && held <= result.open + 1);
        heap(result, "heapAfter", "rssAfter", logs.resolve(target.name() + "-s4-histogram.txt"));
        result.figures.put("targetAlive", target.isAlive());
        result.figures.put("stalledCloseCode", slow.drainForClose(5_000));
    }

    /**
     * S2: receivers on {@code /notifications}, broadcasts through the HTTP trigger at a fixed rate.
     *
     * @param connections receivers, at most {@link Settings#mostReceivers()}
     * @return the result
     */
    ScenarioResult latency(int connections) throws Exception {
        return latency(connections, target, target.name(), "S2");
    }

    /**
     * S5: S2's broadcasts fired through the HTTP trigger of one instance of a cluster, to receivers on this
     * scenario's target: the same instance (the single-instance figure) or another one (the cross-instance figure).
     *
     * @param connections receivers, at most {@link Settings#mostReceivers()}
     * @param publisher   the instance whose HTTP trigger fires the broadcasts
     * @param reportAs    the target name the result is reported under
     * @param scenario    the result's scenario name
     * @return the result
     */
    ScenarioResult latencyThrough(int connections, Target publisher, String reportAs, String scenario)
            throws Exception {
        return latency(connections, publisher, reportAs, scenario);
    }

    private ScenarioResult latency(int connections, Target publisher, String reportAs, String scenario)
            throws Exception {
        ScenarioResult result = new ScenarioResult(reportAs, scenario, connections,
                Math.min(connections, settings.mostReceivers()));
        try (WorkerGroup receivers = WorkerGroup.start(settings, target.ws("notifications"), result.receivers, logs)) {
            result.open = receivers.awaitReady(connectMillis(result.receivers));
            HttpTrigger trigger = new HttpTrigger(publisher.base(), token(publisher));
            HttpTrigger.Sent warm = trigger.broadcast("notifications", 0, deadline(settings.warmupSeconds()),
                    settings.s2PerSecond(), false);
            receivers.mark();
            Window window = Window.open(target);
            HttpTrigger.Sent timed = trigger.broadcast("notifications", warm.messages(),
                    deadline(settings.s2Seconds()), settings.s2PerSecond(), true);
            result.messages = warm.messages() + timed.messages();
            long accepted = warm.accepted() + timed.accepted();
            if (accepted != result.messages) {
                result.problems.add("the trigger accepted " + accepted + " of " + result.messages + " broadcasts: "
                        + warm.errors() + timed.errors());
            }
            // The trigger counts the recipients on its own instance only.
            if (publisher == target) {
                long minRecipients = Math.min(warm.messages() > 0 ? warm.minRecipients() : Long.MAX_VALUE,
                        timed.minRecipients());
                result.figures.put("minRecipients", minRecipients);
                if (minRecipients < result.open) {
                    result.problems.add("a broadcast reached " + minRecipients + " of " + result.open + " connections");
                }
            }
            result.figures.put("triggerAnswerP50Ms", timed.answerMillis().getValueAtPercentile(50));
            result.figures.put("triggerAnswerP99Ms", timed.answerMillis().getValueAtPercentile(99));
            collect(result, receivers, timed.firstTimedMicros(), window);
        }
        awaitIdle();
        return result;
    }

    /**
     * S3: idle connections on {@code /notifications}, as many as asked or as the target takes; memory per
     * connection from the live heap after a full GC and from RSS, against a baseline taken after 1,000 connections
     * were opened and closed (so that what a connection storm costs once is not counted per connection).
     *
     * @param connections connections to try
     * @return the result
     */
    ScenarioResult capacity(int connections) throws Exception {
        ScenarioResult result = new ScenarioResult(target.name(), "S3", connections, connections);
        growConnectionHandling(Math.min(connections, S3_WARM_CONNECTIONS));
        heap(result, "heapBaseline", "rssBaseline", null);
        try (WorkerGroup holders = WorkerGroup.start(settings, target.ws("notifications"), connections, logs)) {
            holders.awaitReady(connectMillis(connections));
            // Let the target settle (late failures, container bookkeeping) before counting what is really held.
            Thread.sleep(3_000);
            result.figures.put("connectionsHeldAtMost", holders.status(30_000));
            if (target.isJvm()) {
                // A JVM at its descriptor limit cannot open jcmd's attach socket: give it back 100 descriptors.
                holders.drop(50, 30_000);
                Thread.sleep(2_000);
            }
            result.open = holders.status(30_000);
            heap(result, "heapHeld", "rssHeld", logs.resolve(target.name() + "-s3-histogram.txt"));
            result.figures.put("targetAlive", target.isAlive());
        }
        result.expectedFrames = 0;
        result.deliveredFrames = 0;
        perConnection(result, "heap");
        perConnection(result, "rss");
        awaitIdle();
        return result;
    }

    // Opens and closes connections before S3's baseline. A connection storm makes Payara grow its HTTP worker pool
    // from a few threads to its maximum of 200, each with a 64 KiB Grizzly buffer pool of its own (about 13 MiB in
    // all, measured); that is a cost of the storm, not of each connection, and it belongs in the baseline.
    private void growConnectionHandling(int connections) throws Exception {
        try (WorkerGroup warm = WorkerGroup.start(settings, target.ws("notifications"), connections, logs)) {
            warm.awaitReady(connectMillis(connections));
        }
        awaitIdle();
    }

    private static void perConnection(ScenarioResult result, String kind) {
        double baseline = result.figure(kind + "Baseline");
        double held = result.figure(kind + "Held");
        if (result.open > 0 && !Double.isNaN(baseline) && !Double.isNaN(held)) {
            double each = (held - baseline) / result.open;
            result.figures.put(kind + "PerConnection", each);
            result.figures.put(kind + "For100k", baseline + 100_000 * each);
        }
    }

    private void collect(ScenarioResult result, WorkerGroup receivers, long firstTimedMicros, Window window)
            throws InterruptedException {
        WorkerGroup.Outcome outcome = receivers.expect(result.messages, System.currentTimeMillis() + DRAIN_MILLIS);
        window.close(result, outcome.cpuNanos());
        result.expectedFrames = result.messages * result.open;
        result.deliveredFrames = outcome.frames();
        result.outOfOrder = outcome.outOfOrder();
        result.closedByTarget = outcome.closedByTarget();
        result.latency = outcome.latency();
        long span = outcome.lastReceivedMicros() - firstTimedMicros;
        result.seconds = span / 1e6;
        result.framesPerSecond = span > 0 ? outcome.timed() * 1e6 / span : 0;
        if (!outcome.allAnswered()) {
            result.problems.add("a load-generator worker did not report");
        }
        if (outcome.closedByTarget() > 0) {
            result.problems.add(outcome.closedByTarget() + " receivers were closed by the target (close codes and "
                    + "how many: " + (outcome.closeCodes().isEmpty() ? "none sent" : outcome.closeCodes()) + ")");
        }
    }

    private void heap(ScenarioResult result, String heapName, String rssName, Path evidence) {
        OptionalLong heap = target.liveHeapBytes(evidence);
        if (heap.isPresent()) {
            result.figures.put(heapName, heap.getAsLong());
        }
        result.figures.put(rssName, target.rssBytes());
    }

    /** @return the connections the target says it holds, or -1 when it does not say */
    long registryConnections() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.base().resolve("api/registry"))
                    .timeout(Duration.ofSeconds(10));
            if (token(target) != null) {
                request.header("Authorization", "Bearer " + token(target));
            }
            String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher connections = CONNECTIONS.matcher(body);
            return connections.find() ? Long.parseLong(connections.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits (at most 60 s) until the target has let go of the last scenario's connections. */
    private void awaitIdle() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && target.isAlive()) {
            long held = registryConnections();
            if (held <= 0) {
                return;
            }
            Thread.sleep(200);
        }
        log.println("  (" + target.name() + " still reported connections after 60 s)");
    }

    private long connectMillis(int connections) {
        return settings.handshakeMillis() + connections * 20L + 30_000;
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    /** CPU use of the target, of the load generator and of the whole machine over one measured phase. */
    private record Window(Target target, long startNanos, long targetCpu, long ownCpu, ProcStats.Machine machine) {

        static Window open(Target target) {
            return new Window(target, System.nanoTime(), target.cpuNanos(), Worker.cpuNanos(),
                    ProcStats.Machine.now());
        }

        void close(ScenarioResult result, long workersCpu) {
            double wall = System.nanoTime() - startNanos;
            result.targetCores = (target.cpuNanos() - targetCpu) / wall;
            result.clientCores = (Worker.cpuNanos() - ownCpu + workersCpu) / wall;
            result.machineBusy = ProcStats.Machine.now().busySince(machine);
            result.loadAverage = ProcStats.loadAverage();
        }
    }

    /** @return the base URI, for messages */
    URI base() {
        return target.base();
    }
}
