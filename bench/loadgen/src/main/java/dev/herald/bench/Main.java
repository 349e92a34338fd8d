package dev.herald.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of the load generator.
 *
 * <pre>
 * loadgen run [--quick] [--targets herald,node,naive] [--repo DIR] [--out FILE.md] [--token TOKEN] [--heap 1g]
 *             [--s1-connections N] [--s1-seconds S] [--s4-seconds S] [--s2-connections N] [--s2-seconds S]
 *             [--s3-connections N]
 *             [--scale 1000,5000,10000,20000] [--warmup-seconds S] [--scenarios S1,S2,S3,S4,S5]
 *             [--most-receivers N] [--command "how it was started"]
 * loadgen worker --uri ws://… --count N [--sources 127.0.0.11] …   (started by "run", not by people)
 * </pre>
 *
 * The bearer token may also come from the environment variable {@code HERALD_BENCH_TOKEN}.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args see the class comment
     * @throws Exception when the run cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("run") || args[0].equals("worker"))) {
            System.err.println("usage: loadgen run [--quick] [options]   (see bench/README.md)");
            System.exit(64);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        if (args[0].equals("worker")) {
            Worker.run(options);
            return;
        }
        System.exit(new Coordinator(settings(options), options.getOrDefault("command", "bench/run")).run());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        return options;
    }

    private static Settings settings(Map<String, String> o) {
        Path repo = Path.of(o.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        boolean quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
        Path out = Path.of(o.getOrDefault("out", repo.resolve(quick ? "bench/target/quick/quick.md"
                : "bench/results/latest.md").toString())).toAbsolutePath();
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Settings base = quick ? Settings.quick(repo, out, java) : Settings.full(repo, out, java);
        String token = o.getOrDefault("token", System.getenv("HERALD_BENCH_TOKEN"));
        List<String> targets = o.containsKey("targets") ? List.of(o.get("targets").split(",")) : base.targets();
        List<Integer> scale = o.containsKey("scale")
                ? (o.get("scale").isBlank() || o.get("scale").equals("none") ? List.of()
                : Arrays.stream(o.get("scale").split(",")).map(Integer::valueOf).toList())
                : base.scale();
        List<String> scenarios = o.containsKey("scenarios")
                ? List.of(o.get("scenarios").toUpperCase(Locale.ROOT).split(",")) : base.scenarios();
        if (!Settings.ALL_SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--scenarios takes a list of S1, S2, S3, S4, S5, not " + o.get("scenarios"));
        }
        return new Settings(quick, targets, repo, out, java, o.getOrDefault("heap", base.heap()), token,
                integer(o, "s1-connections", base.s1Connections()), integer(o, "s1-seconds", base.s1Seconds()),
                integer(o, "s4-seconds", base.s4Seconds()),
                integer(o, "s2-connections", base.s2Connections()), integer(o, "s2-seconds", base.s2Seconds()),
                integer(o, "s2-per-second", base.s2PerSecond()), integer(o, "s3-connections", base.s3Connections()),
                integer(o, "most-receivers", base.mostReceivers()), scenarios,
                integer(o, "warmup-seconds", base.warmupSeconds()), scale, integer(o, "window", base.window()),
                integer(o, "per-worker", base.perWorker()), base.connectConcurrency(), base.handshakeMillis(),
                base.workerMaxSeconds(), integer(o, "max-seconds", (int) base.runMaxSeconds()));
    }

    private static int integer(Map<String, String> options, String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key).replace("_", "")) : fallback;
    }
}
