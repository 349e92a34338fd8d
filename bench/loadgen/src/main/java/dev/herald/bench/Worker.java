package dev.herald.bench;

import io.netty.channel.Channel;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A load-generator process that holds a share of the receiving connections. The coordinator starts one per
 * {@code --count} connections it needs (a process may hold at most 20,000 descriptors here) and talks to it over
 * stdin and stdout, one line per message:
 *
 * <pre>
 * worker → READY open failed           once every connection was tried
 * worker → P minReceived open          every 5 ms: the fewest messages any open connection has received
 * coord  → EXPECT m deadlineEpochMillis wait until each open connection has m messages, or the deadline
 * worker → RESULT key=value … hist=base64
 * coord  → STATUS                      worker → STATUS open
 * coord  → MARK                        CPU use is counted from now on
 * coord  → DROP n                      close n open connections; worker → DROPPED
 * coord  → CLOSE (or end of input)     the worker closes everything and exits
 * </pre>
 *
 * It also exits by itself after {@code --max-seconds}, whatever happens.
 */
final class Worker {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final URI uri;
    private final int count;
    private final List<String> sources;
    private final int concurrency;
    private final long handshakeMillis;
    private final Receiver.Stats stats = new Receiver.Stats();
    private final List<Receiver> receivers = new ArrayList<>();
    private volatile boolean reporting;
    private long cpuAtReady;

    private Worker(Map<String, String> options) {
        this.uri = URI.create(options.get("uri"));
        this.count = Integer.parseInt(options.get("count"));
        this.sources = List.of(options.getOrDefault("sources", "127.0.0.1").split(","));
        this.concurrency = Integer.parseInt(options.getOrDefault("concurrency", "200"));
        this.handshakeMillis = Long.parseLong(options.getOrDefault("handshake-ms", "15000"));
    }

    /**
     * @param options the worker's options, see {@link Main}
     * @throws Exception when the worker cannot run at all
     */
    static void run(Map<String, String> options) throws Exception {
        long maxSeconds = Long.parseLong(options.getOrDefault("max-seconds", "600"));
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
                System.err.println("worker: time limit of " + maxSeconds + " s reached, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-time-limit");
        guard.setDaemon(true);
        guard.start();

        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        Worker worker = new Worker(options);
        try (WsClients clients = new WsClients(threads, worker.uri, worker.handshakeMillis,
                () -> worker.newReceiver())) {
            worker.connectAll(clients);
            worker.serve();
            worker.closeAll();
        }
        System.exit(0);
    }

    private synchronized Receiver newReceiver() {
        Receiver receiver = new Receiver(stats);
        receivers.add(receiver);
        return receiver;
    }

    private void connectAll(WsClients clients) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Receiver>> greetings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            var connect = clients.connect(sources.get(i % sources.size()));
            Channel channel = connect.channel();
            CompletableFuture<Receiver> greeting = new CompletableFuture<>();
            greetings.add(greeting);
            connect.addListener(done -> {
                if (!done.isSuccess()) {
                    greeting.completeExceptionally(done.cause());
                    return;
                }
                Receiver receiver = channel.pipeline().get(Receiver.class);
                receiver.greeted().whenComplete((r, failure) -> {
                    if (failure != null) {
                        greeting.completeExceptionally(failure);
                    } else {
                        greeting.complete(r);
                    }
                });
                channel.eventLoop().schedule(() -> {
                    if (!receiver.greeted().isDone()) {
                        channel.close();
                    }
                }, handshakeMillis, TimeUnit.MILLISECONDS);
            });
            greeting.whenComplete((r, f) -> inFlight.release());
        }
        inFlight.acquire(concurrency);
        long open = greetings.stream().filter(g -> !g.isCompletedExceptionally()).count();
        cpuAtReady = cpuNanos();
        OUT.println("READY " + open + " " + (count - open));
    }

    private void serve() throws Exception {
        reporting = true;
        Thread progress = Thread.ofPlatform().daemon().name("worker-progress").start(this::reportProgress);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "EXPECT" -> expect(Long.parseLong(words[1]), Long.parseLong(words[2]));
                case "STATUS" -> OUT.println("STATUS " + openGreeted().size());
                case "MARK" -> cpuAtReady = cpuNanos();
                case "DROP" -> {
                    openGreeted().stream().limit(Long.parseLong(words[1])).forEach(Receiver::close);
                    OUT.println("DROPPED");
                }
                case "CLOSE" -> {
                    reporting = false;
                    progress.interrupt();
                    return;
                }
                default -> System.err.println("worker: unknown command " + line);
            }
        }
        reporting = false;
    }

    private void reportProgress() {
        while (reporting) {
            List<Receiver> open = openGreeted();
            long min = open.stream().mapToLong(Receiver::received).min().orElse(0);
            OUT.println("P " + min + " " + open.size());
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized List<Receiver> openGreeted() {
        return receivers.stream().filter(Receiver::isOpenAndGreeted).toList();
    }

    private synchronized List<Receiver> greetedEver() {
        return receivers.stream().filter(Receiver::wasGreeted).toList();
    }

    private void expect(long messages, long deadlineMillis) throws InterruptedException {
        while (System.currentTimeMillis() < deadlineMillis) {
            if (openGreeted().stream().allMatch(r -> r.received() >= messages)) {
                break;
            }
            Thread.sleep(5);
        }
        List<Receiver> greeted = greetedEver();
        List<Receiver> open = openGreeted();
        long complete = open.stream().filter(r -> r.received() >= messages).count();
        long lastReceived = greeted.stream().mapToLong(Receiver::lastReceivedMicros).max().orElse(0);
        long closeCodes = greeted.stream().filter(r -> r.closeCode() > 0).count();
        // Which close codes the target sent, as code:count pairs ("-" for none), so a report can say why it closed.
        String codes = greeted.stream().filter(r -> r.closeCode() > 0)
                .collect(Collectors.groupingBy(Receiver::closeCode, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        Histogram histogram = stats.latencyMicros.getIntervalHistogram();
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
        OUT.println("RESULT open=" + open.size() + " complete=" + complete + " frames=" + stats.allFrames.sum()
                + " timed=" + stats.timedFrames.sum() + " outOfOrder=" + stats.outOfOrder.sum()
                + " closedByTarget=" + stats.closedByTarget.sum() + " closeFrames=" + closeCodes
                + " closeCodes=" + (codes.isEmpty() ? "-" : codes)
                + " lastReceived=" + lastReceived + " cpuNanos=" + (cpuNanos() - cpuAtReady) + " hist=" + encoded);
    }

    private void closeAll() {
        List<Receiver> all;
        synchronized (this) {
            all = List.copyOf(receivers);
        }
        all.forEach(Receiver::close);
    }

    /** @return the CPU time this process has used, in nanoseconds */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
