package dev.herald.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server under test, started as a child process on a free loopback port and stopped after its scenarios:
 * Herald or the naive WAR on Payara Micro, or the Node.js hub.
 */
final class Target implements AutoCloseable {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");

    private final String name;
    private final String label;
    private final List<String> command;
    private final boolean jvm;
    private final int port;
    private final Path log;
    private final Path java;
    private Process process;

    private Target(String name, String label, List<String> command, boolean jvm, int port, Path log, Path java) {
        this.name = name;
        this.label = label;
        this.command = command;
        this.jvm = jvm;
        this.port = port;
        this.log = log;
        this.java = java;
    }

    /**
     * @param name     herald, node or naive
     * @param settings the run's settings
     * @param logs     the folder for the target's output
     * @return the target, not yet started
     * @throws IOException when no free port can be found
     */
    static Target of(String name, Settings settings, Path logs) throws IOException {
        int port = freePort();
        Path repo = settings.repo();
        Path bench = repo.resolve("bench");
        Path log = logs.resolve(name + ".log");
        return switch (name) {
            case "herald" -> new Target(name, "Herald", payara(settings, port, repo.resolve("target/herald.war"),
                    repo.resolve("server-config/pre-boot-commands.txt"),
                    repo.resolve("server-config/post-boot-commands.txt"), HERALD_BENCH_SETTINGS, NO_CLUSTER), true,
                    port, log, settings.java());
            case "naive" -> new Target(name, "naive Jakarta loop", payara(settings, port,
                    bench.resolve("naive/target/naive.war"), bench.resolve("naive/pre-boot-commands.txt"), null,
                    List.of(), NO_CLUSTER),
                    true, port, log, settings.java());
            case "node" -> new Target(name, "Node.js ws", List.of("node", bench.resolve("node-hub/hub.js").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port)), false, port, log, settings.java());
            default -> throw new IllegalArgumentException("unknown target " + name + ": use herald, node or naive");
        };
    }

    // S1's publisher is one /chat client sending as fast as the hub delivers: Herald's inbound rate limit (20 frames a
    // second by default, docs/security.md) would rightly cut it off, and the baselines have none. Raised to the top of
    // the accepted range so the scenario measures fan-out, not the limiter.
    private static final List<String> HERALD_BENCH_SETTINGS = List.of(
            "-Dherald.security.rate.frames-per-second=100000",
            "-Dherald.security.rate.burst=100000",
            "-Dherald.security.rate.forgiven-excess=100000");

    /**
     * Herald instances that form one cluster on loopback through Payara Micro's data grid, for S5; they share one
     * token secret, so a token minted by one is accepted by all.
     *
     * @param settings  the run's settings
     * @param logs      the folder for the instances' output
     * @param instances how many
     * @return the instances, named herald-a, herald-b, …, not yet started
     * @throws IOException when no free port can be found
     */
    static List<Target> heraldCluster(Settings settings, Path logs, int instances) throws IOException {
        List<Integer> gridPorts = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            gridPorts.add(freePort());
        }
        String members = String.join(",", gridPorts.stream().map(port -> "127.0.0.1:" + port).toList());
        String cluster = "herald-bench-" + UUID.randomUUID();
        List<String> properties = new ArrayList<>(HERALD_BENCH_SETTINGS);
        properties.add("-Dherald.jwt.secret=" + UUID.randomUUID() + UUID.randomUUID());
        properties.add("-Dhazelcast.socket.bind.any=false");
        Path repo = settings.repo();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String name = "herald-" + (char) ('a' + i);
            int port = freePort();
            List<String> grid = List.of("--clustername", cluster, "--clustermode", "tcpip:" + members,
                    "--interfaces", "127.0.0.1", "--startport", Integer.toString(gridPorts.get(i)), "--nohostaware");
            targets.add(new Target(name, "Herald instance " + (char) ('A' + i), payara(settings, port,
                    repo.resolve("target/herald.war"), repo.resolve("server-config/pre-boot-commands.txt"),
                    repo.resolve("server-config/post-boot-commands.txt"), properties, grid), true, port,
                    logs.resolve(name + ".log"), settings.java()));
        }
        return targets;
    }

    private static final List<String> NO_CLUSTER = List.of("--nocluster");

    private static List<String> payara(Settings settings, int port, Path war, Path preBoot, Path postBoot,
                                       List<String> systemProperties, List<String> gridOptions) {
        List<String> command = new ArrayList<>(List.of(settings.java().toString(), "-Xms" + settings.heap(),
                "-Xmx" + settings.heap(), "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", settings.repo().resolve("target/payara-micro.jar").toString(),
                "--port", Integer.toString(port), "--prebootcommandfile", preBoot.toString()));
        command.addAll(gridOptions);
        if (postBoot != null && Files.exists(postBoot)) {
            command.addAll(List.of("--postbootcommandfile", postBoot.toString()));
        }
        command.addAll(List.of("--contextroot", "/", "--deploy", war.toString()));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** @return herald, node or naive */
    String name() {
        return name;
    }

    /** @return the name for people */
    String label() {
        return label;
    }

    /** @return whether it runs on a JVM, so that a heap histogram can be taken */
    boolean isJvm() {
        return jvm;
    }

    /** @return the command that starts it */
    List<String> command() {
        return command;
    }

    /** @return {@code http://127.0.0.1:port/} */
    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /**
     * @param path {@code notifications} or {@code chat}
     * @return the WebSocket endpoint
     */
    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + "/" + path);
    }

    /**
     * Starts the process and waits until its REST API answers.
     *
     * @param timeoutMillis how long start-up may take
     * @throws Exception when it does not come up in time
     */
    void start(long timeoutMillis) throws Exception {
        launch();
        awaitStarted(timeoutMillis);
    }

    /**
     * Starts the process without waiting for it, so that several targets can start side by side; then call
     * {@link #awaitStarted(long)}.
     *
     * @throws IOException when the process cannot be started
     */
    void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    /**
     * Waits until the launched process's REST API answers.
     *
     * @param timeoutMillis how long start-up may take
     * @throws Exception when it does not come up in time
     */
    void awaitStarted(long timeoutMillis) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            try {
                int status = http.send(HttpRequest.newBuilder(base().resolve("api/registry"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401 || status == 403) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not answer within " + timeoutMillis + " ms; see " + log);
    }

    /**
     * Waits until this instance's {@code /health/ready} reports a cluster of the given size.
     *
     * @param members       the expected number of instances
     * @param timeoutMillis how long to wait
     * @throws Exception when the cluster does not form in time
     */
    void awaitClusterMembers(int members, long timeoutMillis) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String expected = "\"members\":\"" + members + "\"";
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String health = http.send(HttpRequest.newBuilder(base().resolve("health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (health.contains(expected)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not see a cluster of " + members + " within " + timeoutMillis
                + " ms; see " + log);
    }

    /** @return whether the process is still running */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return its CPU time so far in nanoseconds */
    long cpuNanos() {
        return ProcStats.cpuNanos(process.pid());
    }

    /** @return its resident memory in bytes */
    long rssBytes() {
        return ProcStats.rssBytes(process.pid());
    }

    /**
     * Forces a full GC through a class histogram of live objects and keeps the histogram's head as evidence.
     *
     * @param evidence where to write the histogram's first lines, or null
     * @return the live heap in bytes; empty for a non-JVM target or when jcmd fails
     */
    OptionalLong liveHeapBytes(Path evidence) {
        if (!jvm || !isAlive()) {
            return OptionalLong.empty();
        }
        try {
            Path jcmd = java.resolveSibling("jcmd");
            Path output = Files.createTempFile("bench-histogram", ".txt");
            // Output goes to a file, so that a jcmd that cannot attach (a target at its descriptor limit cannot
            // open the attach socket) is ended by the timeout instead of blocking a pipe read forever.
            Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()),
                    "GC.class_histogram").redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!histogram.waitFor(60, TimeUnit.SECONDS)) {
                histogram.destroyForcibly();
                Files.deleteIfExists(output);
                return OptionalLong.empty();
            }
            String text = Files.readString(output);
            Files.deleteIfExists(output);
            if (evidence != null) {
                List<String> lines = text.lines().toList();
                List<String> head = new ArrayList<>(lines.subList(0, Math.min(40, lines.size())));
                lines.stream().filter(l -> l.startsWith("Total")).forEach(head::add);
                Files.write(evidence, head);
            }
            Matcher total = HISTOGRAM_TOTAL.matcher(text);
            return total.find() ? OptionalLong.of(Long.parseLong(total.group(2))) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Stops the process: SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
