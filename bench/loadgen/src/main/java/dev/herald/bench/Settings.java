package dev.herald.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one benchmark run needs to know: which targets, how big each scenario is, and how long anything may
 * take. {@link #quick} and {@link #full} give the two presets; options on the command line override single values.
 *
 * @param quick              smoke-test mode: small counts, every delivery asserted, no timing judged
 * @param targets            target names in run order: herald, node, naive
 * @param repo               the repository's root (holds target/herald.war and target/payara-micro.jar)
 * @param out                where the report and charts go
 * @param java               the java executable for workers and the Payara targets
 * @param heap               the Payara targets' -Xmx, such as "1g"
 * @param token              a bearer token for the HTTP trigger, or null
 * @param s1Connections      S1's receivers
 * @param s1Seconds          S1's measured sending time
 * @param s4Seconds          S4's measured sending time: longer than the heartbeat timeout of a target that finds
 *                           silent clients (Herald's default is 60 s), so that the run can see it close the stalled one
 * @param s2Connections      S2's receivers
 * @param s2Seconds          S2's measured broadcasting time
 * @param s2PerSecond        S2's broadcast rate
 * @param s3Connections      S3's connection attempts
 * @param mostReceivers      most receiving connections S1, S2 and S4 open, whatever the count asked for: a target
 *                           process may hold 20,000 descriptors here, and needs some for its own files, the
 *                           publisher and the HTTP trigger, so the scaling curve's "20,000" opens this many
 * @param scenarios          which scenarios to run (S1 to S5), in the fixed order of the run
 * @param warmupSeconds      untimed traffic before each S1/S2 measurement
 * @param scale              connection counts of the scaling curve (S1 and S2 at each); empty to skip it
 * @param window             S1's most messages in flight beyond the slowest receiver
 * @param perWorker          most connections per worker process
 * @param connectConcurrency most handshakes in flight per worker
 * @param handshakeMillis    how long one connection may take to open and be greeted
 * @param workerMaxSeconds   a worker's hard time limit
 * @param runMaxSeconds      the whole run's hard time limit
 */
record Settings(boolean quick, List<String> targets, Path repo, Path out, Path java, String heap, String token,
                int s1Connections, int s1Seconds, int s4Seconds, int s2Connections, int s2Seconds, int s2PerSecond,
                int s3Connections, int mostReceivers, List<String> scenarios, int warmupSeconds, List<Integer> scale,
                int window, int perWorker, int connectConcurrency, long handshakeMillis, long workerMaxSeconds,
                long runMaxSeconds) {

    static final List<String> ALL_TARGETS = List.of("herald", "node", "naive");
    static final List<String> ALL_SCENARIOS = List.of("S1", "S2", "S3", "S4", "S5");

    /**
     * Receivers of S1, S2 and S4 at most. Payara Micro holds about 360 descriptors of its own (jars, logs, sockets),
     * the Node hub about 20. The rest is for the publisher and the HTTP trigger, which opens one connection per
     * request in flight: a target that answers only after its fan-out can have all of S2's 330 requests in flight.
     */
    static final int MOST_RECEIVERS = 19_000;

    /** The full run the issue describes. */
    static Settings full(Path repo, Path out, Path java) {
        return new Settings(false, ALL_TARGETS, repo, out, java, "1g", null,
                1_000, 10, 90, 10_000, 30, 10, 20_000, MOST_RECEIVERS, ALL_SCENARIOS, 3,
                List.of(1_000, 5_000, 10_000, 20_000), 50, 10_000, 200, 20_000, 900, 7_200);
    }

    /**
     * @param scenario S1, S2, S3 or S4
     * @return whether this run includes it
     */
    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** The smoke test CI runs: small counts, a few minutes for all three targets. */
    static Settings quick(Path repo, Path out, Path java) {
        return new Settings(true, ALL_TARGETS, repo, out, java, "1g", null,
                100, 2, 2, 200, 2, 10, 300, MOST_RECEIVERS, ALL_SCENARIOS, 0, List.of(),
                50, 10_000, 100, 20_000, 240, 600);
    }
}
