package dev.herald.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A Payara Micro process of the test's own, for what Arquillian cannot do: send it SIGTERM, or watch it refuse to
 * start. It runs {@code target/payara-micro.jar} with a given WAR at the context root, on a free port bound to
 * loopback, and writes its console to a file under {@code target/}. {@link #close()} kills what is left of it.
 */
public final class PayaraProcess implements AutoCloseable {

    /** How long a start may take on a busy 2-core machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final File MICRO_JAR = new File(System.getProperty("payara.microJar", "target/payara-micro.jar"));
    private static final String READY = "Payara Micro 7";
    private static final String READY_SUFFIX = "ready in";
    private static final Path SERVER_CONFIG = Path.of("server-config");
    private static final String LOOPBACK_ONLY = "set configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.address=127.0.0.1\n";

    private final Process process;
    private final Path console;
    private final int port;

    private PayaraProcess(Process process, Path console, int port) {
        this.process = process;
        this.console = console;
        this.port = port;
    }

    /**
     * Starts Payara Micro and returns at once, without waiting for it to be ready.
     *
     * @param war        the WAR to deploy at {@code /}
     * @param properties system properties for the JVM, such as Herald settings
     * @param env        environment variables to add, such as {@code HERALD_SHUTDOWN_DRAIN_TIMEOUT_MS}
     * @return the running process
     * @throws IOException when it cannot be launched
     */
    public static PayaraProcess start(File war, Map<String, String> properties, Map<String, String> env)
            throws IOException {
        return start(war, properties, env, List.of("--nocluster"));
    }

    /**
     * Starts Payara Micro the way the README's run command does: with {@code server-config}'s boot commands and no
     * data grid; returns at once, without waiting for it to be ready.
     *
     * @param war        the WAR to deploy at {@code /}
     * @param properties system properties for the JVM, such as Herald settings
     * @return the running process
     * @throws IOException when it cannot be launched
     */
    public static PayaraProcess startAsShipped(File war, Map<String, String> properties) throws IOException {
        return start(war, properties, Map.of(), List.of("--nohazelcast", "--postbootcommandfile",
                SERVER_CONFIG.resolve("post-boot-commands.txt").toString()),
                Files.readString(SERVER_CONFIG.resolve("pre-boot-commands.txt")));
    }

    /**
     * Starts one member of a cluster on loopback and returns at once, without waiting for it to be ready.
     *
     * @param war         the WAR to deploy at {@code /}
     * @param properties  system properties for the JVM, such as Herald settings
     * @param clusterName the cluster's name, the same for every member
     * @param gridPorts   the data grid port of every member, the same list for every member
     * @param member      the index in {@code gridPorts} of this member's own port
     * @return the running process
     * @throws IOException when it cannot be launched
     */
    public static PayaraProcess startMember(File war, Map<String, String> properties, String clusterName,
                                            List<Integer> gridPorts, int member) throws IOException {
        Map<String, String> withGrid = new java.util.LinkedHashMap<>(properties);
        withGrid.put("hazelcast.socket.bind.any", "false");
        String members = gridPorts.stream().map(port -> "127.0.0.1:" + port)
                .collect(java.util.stream.Collectors.joining(","));
        // All members share one address, so backups must be allowed on "the same host" (--nohostaware).
        return start(war, withGrid, Map.of(), List.of("--clustermode", "tcpip:" + members, "--clustername",
                clusterName, "--interfaces", "127.0.0.1", "--startport", String.valueOf(gridPorts.get(member)),
                "--nohostaware"));
    }

    private static PayaraProcess start(File war, Map<String, String> properties, Map<String, String> env,
                                       List<String> clusterOptions) throws IOException {
        return start(war, properties, env, clusterOptions, LOOPBACK_ONLY);
    }

    private static PayaraProcess start(File war, Map<String, String> properties, Map<String, String> env,
                                       List<String> options, String preBootCommands) throws IOException {
        int port = freePort();
        Path console = Files.createTempFile(Path.of("target"), "payara-process-", ".log");
        Path preBoot = Files.createTempFile(Path.of("target"), "pre-boot-", ".txt");
        Files.writeString(preBoot, preBootCommands);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(System.getProperty("herald.payara.heap", "-Xmx1g"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", MICRO_JAR.getAbsolutePath()));
        command.addAll(options);
        command.addAll(List.of("--port", String.valueOf(port),
                "--prebootcommandfile", preBoot.toString(), "--deploy", war.getAbsolutePath(),
                "--contextroot", "/"));

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().putAll(env);
        return new PayaraProcess(builder.start(), console, port);
    }

    /**
     * @return this process, once Payara Micro reports it is ready
     * @throws AssertionError when it exits or takes longer than {@link #START_TIMEOUT}
     */
    public PayaraProcess awaitReady() {
        await("Payara Micro ready on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Payara Micro exited with " + process.exitValue() + ":\n" + console());
                    }
                    return console().lines().anyMatch(line -> line.contains(READY) && line.contains(READY_SUFFIX));
                });
        return this;
    }

    /** @return the application's base URI, such as {@code http://127.0.0.1:PORT/} */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Sends SIGKILL: the process dies at once, with no goodbye to its clients or its cluster. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Sends SIGTERM, as a container runtime or systemd would. */
    public void terminate() {
        process.destroy();
    }

    /**
     * @param timeout how long to wait
     * @return the exit status
     * @throws AssertionError when the process is still running after the timeout
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Payara Micro still running after " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for Payara Micro to exit", e);
        }
    }

    /** @return everything the process has written so far */
    public String console() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + console, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    /**
     * @return a TCP port free on loopback at the time of the call
     * @throws IOException when none can be found
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
