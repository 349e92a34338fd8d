package dev.herald.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's handle on the {@link Worker} processes that hold one scenario's receiving connections. Each
 * worker gets at most {@code perWorker} connections and its own loopback source address (127.0.0.11, .12, …), so
 * neither a process's 20,000 descriptors nor one address's ~28,000 ephemeral ports run out.
 */
final class WorkerGroup implements AutoCloseable {

    /** What all workers reported for one EXPECT; {@code closeCodes} counts the target's close frames by code. */
    record Outcome(long open, long complete, long frames, long timed, long outOfOrder, long closedByTarget,
                   SortedMap<Integer, Long> closeCodes,
                   long lastReceivedMicros, long cpuNanos, Histogram latency, boolean allAnswered) {
    }

    private final List<Proc> procs = new ArrayList<>();

    private WorkerGroup() {
    }

    /**
     * Starts the workers; they begin connecting at once.
     *
     * @param settings   the run's settings
     * @param uri        the endpoint to connect to
     * @param total      connections wanted in all
     * @param logs       where the workers' stderr goes
     * @return the group
     * @throws IOException when a worker cannot be started
     */
    static WorkerGroup start(Settings settings, URI uri, int total, Path logs) throws IOException {
        WorkerGroup group = new WorkerGroup();
        int workers = Math.max(1, (total + settings.perWorker() - 1) / settings.perWorker());
        for (int w = 0; w < workers; w++) {
            int share = total / workers + (w < total % workers ? 1 : 0);
            List<String> command = new ArrayList<>(List.of(settings.java().toString(),
                    "-Xms256m", "-Xmx768m", "-XX:+UseSerialGC", "-Dio.netty.leakDetection.level=disabled",
                    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker",
                    "--uri", uri.toString(), "--count", Integer.toString(share),
                    "--sources", "127.0.0." + (11 + w),
                    "--concurrency", Integer.toString(settings.connectConcurrency()),
                    "--handshake-ms", Long.toString(settings.handshakeMillis()),
                    "--max-seconds", Long.toString(settings.workerMaxSeconds())));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("workers.log").toFile()))
                    .start();
            group.procs.add(new Proc(process));
        }
        return group;
    }

    /**
     * Waits until every worker has tried all its connections.
     *
     * @param timeoutMillis how long to wait
     * @return connections open and greeted across workers
     */
    long awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long open = 0;
        for (Proc proc : procs) {
            String line = proc.await("READY", deadline);
            if (line == null) {
                throw new IllegalStateException("a load-generator worker did not finish connecting in time");
            }
            open += Long.parseLong(line.split(" ")[1]);
        }
        return open;
    }

    /** @return the fewest benchmark messages any open connection has received, as last reported */
    long minReceived() {
        long min = Long.MAX_VALUE;
        for (Proc proc : procs) {
            if (proc.open > 0) {
                min = Math.min(min, proc.minReceived);
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /**
     * Closes {@code perWorker} open connections in each worker.
     *
     * @param perWorker connections to close per worker
     */
    void drop(long perWorker, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Proc proc : procs) {
            proc.send("DROP " + perWorker);
            proc.await("DROPPED", deadline);
        }
    }

    /** Tells every worker that the measured phase starts now, for its CPU count. */
    void mark() {
        procs.forEach(proc -> proc.send("MARK"));
    }

    /** @return connections open right now, as the workers see them */
    long status(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long open = 0;
        for (Proc proc : procs) {
            proc.send("STATUS");
            String line = proc.await("STATUS", deadline);
            open += line == null ? 0 : Long.parseLong(line.split(" ")[1]);
        }
        return open;
    }

    /**
     * Asks every worker to wait for {@code messages} per connection and collects what they saw.
     *
     * @param messages       benchmark messages each connection should have
     * @param deadlineMillis until when the workers wait (epoch milliseconds)
     * @return the merged outcome
     */
    Outcome expect(long messages, long deadlineMillis) throws InterruptedException {
        for (Proc proc : procs) {
            proc.send("EXPECT " + messages + " " + deadlineMillis);
        }
        Histogram latency = new Histogram(120_000_000L, 3);
        long[] sums = new long[8];
        SortedMap<Integer, Long> closeCodes = new TreeMap<>();
        boolean allAnswered = true;
        for (Proc proc : procs) {
            String line = proc.await("RESULT", deadlineMillis + 30_000);
            if (line == null) {
                allAnswered = false;
                continue;
            }
            Map<String, String> fields = fields(line);
            String[] keys = {"open", "complete", "frames", "timed", "outOfOrder", "closedByTarget", "cpuNanos"};
            for (int i = 0; i < keys.length; i++) {
                sums[i] += Long.parseLong(fields.get(keys[i]));
            }
            sums[7] = Math.max(sums[7], Long.parseLong(fields.get("lastReceived")));
            for (String pair : fields.getOrDefault("closeCodes", "-").split(",")) {
                if (pair.contains(":")) {
                    String[] codeCount = pair.split(":");
                    closeCodes.merge(Integer.valueOf(codeCount[0]), Long.valueOf(codeCount[1]), Long::sum);
                }
            }
            byte[] bytes = Base64.getDecoder().decode(fields.get("hist"));
            try {
                latency.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
            } catch (java.util.zip.DataFormatException e) {
                throw new IllegalStateException("a worker sent an unreadable histogram", e);
            }
        }
        return new Outcome(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], closeCodes, sums[7], sums[6], latency,
                allAnswered);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String word : line.split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                fields.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return fields;
    }

    /** Tells every worker to close its connections and exit; kills those that do not within 15 s. */
    @Override
    public void close() {
        procs.forEach(proc -> proc.send("CLOSE"));
        for (Proc proc : procs) {
            try {
                if (!proc.process.waitFor(15, TimeUnit.SECONDS)) {
                    proc.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                proc.process.destroyForcibly();
            }
        }
    }

    /** One worker process, its stdin, and its stdout read on a thread of its own. */
    private static final class Proc {
        final Process process;
        final PrintStream in;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        volatile long minReceived;
        volatile long open;

        Proc(Process process) {
            this.process = process;
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().name("worker-" + process.pid()).start(this::read);
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("P ")) {
                        String[] words = line.split(" ");
                        minReceived = Long.parseLong(words[1]);
                        open = Long.parseLong(words[2]);
                    } else {
                        if (line.startsWith("READY ")) {
                            open = Long.parseLong(line.split(" ")[1]);
                        }
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The worker ended; whoever waits for a line times out.
            }
        }

        void send(String command) {
            in.println(command);
        }

        String await(String prefix, long deadlineMillis) throws InterruptedException {
            while (true) {
                long left = deadlineMillis - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                String line = lines.poll(Math.min(left, 500), TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    return null;
                }
            }
        }
    }
}
