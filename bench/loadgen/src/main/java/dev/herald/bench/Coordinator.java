package dev.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs every scenario against every target, one target after the other, then writes the report. In quick mode it
 * also checks that every scenario ran and delivered every message (never a timing), prints one PASS or FAIL line
 * per check and a closing "N passed, N failed" line, and exits non-zero when a check failed. The whole run is
 * bounded: a watchdog ends it, and every process it started, after {@code runMaxSeconds}.
 */
final class Coordinator {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final Map<String, String> LABELS = Map.of(
            "herald", "Herald", "node", "Node.js ws", "naive", "naive Jakarta loop");

    private final Settings settings;
    private final String command;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    Coordinator(Settings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    /** @return the process exit code: 0 when the run (and in quick mode every check) succeeded */
    int run() throws IOException {
        startWatchdog();
        Runtime.getRuntime().addShutdownHook(new Thread(Coordinator::killChildren));
        Path logs = settings.repo().resolve("bench/target/logs");
        Files.createDirectories(logs);
        List<String> environment = environment();
        long started = System.nanoTime();
        for (String name : settings.targets()) {
            runTarget(name, logs);
        }
        if (settings.runs("S5") && settings.targets().contains("herald")) {
            runCluster(logs);
        }
        environment.add("run time: %.1f min; load average at the end: %s".formatted(
                (System.nanoTime() - started) / 60e9, loadAverage()));
        Report report = new Report(settings, results, LABELS, environment, command);
        report.write(settings.out());
        OUT.println("Report written to " + settings.out());
        return settings.quick() ? check() : (failures.isEmpty() ? 0 : 1);
    }

    private void runTarget(String name, Path logs) {
        OUT.println("== " + LABELS.getOrDefault(name, name));
        // The quick run asserts delivery, not memory, so S3 shares the first process there: one start fewer per target.
        boolean s3OnFreshProcess = !settings.quick();
        if (settings.runs("S1") || settings.runs("S2") || settings.runs("S4")
                || (settings.runs("S3") && !s3OnFreshProcess)) {
            try (Target target = Target.of(name, settings, logs)) {
                target.start(180_000);
                OUT.printf("  [%s] started: %s%n", elapsed(), String.join(" ", target.command()));
                Scenarios scenarios = new Scenarios(settings, target, logs, OUT);
                runOnOneProcess(name, target, scenarios);
                if (settings.runs("S3") && !s3OnFreshProcess) {
                    attempt(name, "S3", target, () -> scenarios.capacity(settings.s3Connections()));
                }
            } catch (Exception e) {
                fail(name, e);
            }
        }
        if (!settings.runs("S3") || !s3OnFreshProcess || !inTime(name, "S3")) {
            return;
        }
        // S3 gets a fresh process, so that its memory baseline is not inflated by the scenarios before it.
        try (Target target = Target.of(name, settings, logs)) {
            target.start(180_000);
            OUT.printf("  [%s] restarted for S3%n", elapsed());
            attempt(name, "S3", target, () -> new Scenarios(settings, target, logs, OUT)
                    .capacity(settings.s3Connections()));
        } catch (Exception e) {
            fail(name, e);
        }
    }

    // S1 at each count, S2 at each count, then S4, on one process. A scenario that fails is reported and the next one
    // still runs, so that one bad point (say, the largest count) cannot cost the rest of the run.
    private void runOnOneProcess(String name, Target target, Scenarios scenarios) {
        if (!settings.quick()) {
            // Let the JIT compile the hot paths before anything is measured; this run is not reported.
            attempt(name, "warm-up", target, () -> {
                ScenarioResult warmup = scenarios.fanOut(settings.s1Connections(), false);
                OUT.printf("  [%s] warm-up: %,.0f frames/s%n", elapsed(), warmup.framesPerSecond);
                return null;
            });
        }
        if (settings.runs("S1")) {
            for (int n : counts(settings.s1Connections())) {
                attempt(name, "S1 at " + n, target, () -> scenarios.fanOut(n, false));
            }
        }
        if (settings.runs("S2")) {
            for (int n : counts(settings.s2Connections())) {
                attempt(name, "S2 at " + n, target, () -> scenarios.latency(n));
            }
        }
        if (settings.runs("S4")) {
            attempt(name, "S4", target, () -> scenarios.fanOut(settings.s1Connections(), true));
        }
    }

    /** Scenario S5's two results: broadcasts fired on instance A, received on A and on B. */
    static final String S5_SAME = "S5 same instance";
    static final String S5_ACROSS = "S5 across instances";

    // S5: two Herald instances in one cluster. The receivers sit on A, then on B, and every broadcast is fired through
    // A's HTTP trigger, so the two results differ only by the hop through the data grid.
    private void runCluster(Path logs) {
        OUT.println("== Herald, two instances in one cluster");
        if (!inTime("herald", "S5")) {
            return;
        }
        List<Target> cluster = new ArrayList<>();
        try {
            cluster.addAll(Target.heraldCluster(settings, logs, 2));
            // Side by side: the members find each other while both start, and the run waits for one start-up, not two.
            for (Target instance : cluster) {
                instance.launch();
            }
            for (Target instance : cluster) {
                instance.awaitStarted(180_000);
            }
            for (Target instance : cluster) {
                instance.awaitClusterMembers(2, 120_000);
            }
            Target a = cluster.get(0);
            Target b = cluster.get(1);
            OUT.printf("  [%s] cluster of 2 formed: %s%n", elapsed(), String.join(" ", a.command()));
            int receivers = settings.s2Connections();
            // Reported as Herald's: the same target, one more scenario.
            attempt("herald", S5_SAME, a, () -> new Scenarios(settings, a, logs, OUT)
                    .latencyThrough(receivers, a, "herald", S5_SAME));
            attempt("herald", S5_ACROSS, b, () -> new Scenarios(settings, b, logs, OUT)
                    .latencyThrough(receivers, a, "herald", S5_ACROSS));
        } catch (Exception e) {
            fail("herald S5", e);
        } finally {
            cluster.forEach(Target::close);
        }
    }

    /** Runs one scenario when there is time and the target is still up, and records its result or its failure. */
    private void attempt(String name, String what, Target target, Callable<ScenarioResult> scenario) {
        if (!inTime(name, what)) {
            return;
        }
        if (!target.isAlive()) {
            failures.add(name + ": " + what + " skipped, the target's process has ended (see bench/target/logs)");
            return;
        }
        try {
            ScenarioResult result = scenario.call();
            if (result != null) {
                record(result);
            }
        } catch (Exception e) {
            fail(name + " " + what, e);
        }
    }

    private void fail(String name, Exception e) {
        failures.add(name + ": " + e);
        OUT.println("  " + name + " failed: " + e);
        e.printStackTrace(OUT);
    }

    /** Past the soft limit (10 minutes before the hard one), scenarios are skipped so that a report still gets written. */
    private boolean inTime(String target, String what) {
        long soft = Math.max(settings.runMaxSeconds() / 2, settings.runMaxSeconds() - 600);
        if (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos) < soft) {
            return true;
        }
        failures.add(target + ": " + what + " skipped, the run reached its soft time limit of " + soft + " s");
        return false;
    }

    private String elapsed() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }

    private List<Integer> counts(int headline) {
        TreeSet<Integer> counts = new TreeSet<>(settings.scale());
        counts.add(headline);
        return List.copyOf(counts);
    }

    private void record(ScenarioResult r) {
        results.add(r);
        OUT.printf("  [%s] %s %,d/%,d open: %,d messages, %,d/%,d frames, %,.0f frames/s, p50 %.2f ms, p99 %.2f ms, "
                        + "target %.2f cores, load generator %.2f cores, out of order %,d %s %s%n", elapsed(), r.scenario, r.open, r.receivers,
                r.messages, r.deliveredFrames, r.expectedFrames, r.framesPerSecond, r.latencyMillis(50),
                r.latencyMillis(99), r.targetCores, r.clientCores, r.outOfOrder, r.figures.isEmpty() ? "" : r.figures,
                r.problems.isEmpty() ? "" : r.problems);
    }

    private int check() {
        int passed = 0;
        int failed = 0;
        for (String target : settings.targets()) {
            for (String scenario : settings.scenarios()) {
                if (scenario.equals("S5") && !target.equals("herald")) {
                    continue;
                }
                List<ScenarioResult> runs = results.stream()
                        .filter(r -> r.target.equals(target) && r.scenario.startsWith(scenario)).toList();
                boolean ok = !runs.isEmpty() && (!scenario.equals("S5") || runs.size() == 2)
                        && runs.stream().allMatch(r -> r.scenario.equals("S3")
                        ? heldAtMost(r) == r.requested : r.deliveredEverything() && r.messages > 0);
                String detail = runs.isEmpty() ? "did not run" : runs.stream().map(r -> "%,d/%,d open, %,d/%,d frames %s"
                        .formatted(r.open, r.receivers, r.deliveredFrames, r.expectedFrames, r.problems)).toList()
                        .toString();
                OUT.println((ok ? "PASS " : "FAIL ") + target + " " + scenario + ": " + detail);
                if (ok) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        failures.forEach(f -> OUT.println("FAIL " + f));
        failed += failures.size();
        OUT.println("bench: " + passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static long heldAtMost(ScenarioResult s3) {
        double most = s3.figure("connectionsHeldAtMost");
        return Double.isNaN(most) ? s3.open : (long) most;
    }

    private List<String> environment() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().toString());
        facts.put("machine", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memTotal() + " of memory; " + osName() + ", kernel " + read("/proc/sys/kernel/osrelease"));
        facts.put("load average at the start", loadAverage());
        facts.put("JDK (load generator and Payara)", System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.runtime.version"));
        facts.put("Payara Micro", pomProperty("payara.version") + " (target/payara-micro.jar)");
        facts.put("Herald", "commit " + git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain",
                "--untracked-files=no").isBlank() ? "" : " with uncommitted changes")
                + ", -Xms/-Xmx " + settings.heap() + ", --nocluster");
        facts.put("naive baseline", "bench/naive on the same Payara Micro, same heap");
        facts.put("Node.js", output("node", "--version") + " with ws " + wsVersion());
        facts.put("load generator", "Netty " + io.netty.util.Version.identify().values().stream()
                .map(io.netty.util.Version::artifactVersion).findFirst().orElse("?")
                + " (NIO), HdrHistogram 2.2.2, JFreeChart 1.5.6; " + settings.perWorker()
                + " connections per worker process at most, source addresses 127.0.0.11 and up");
        List<String> lines = new ArrayList<>();
        facts.forEach((k, v) -> lines.add(k + ": " + v));
        return lines;
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static String memTotal() {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> "%.1f GiB".formatted(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("?");
    }

    private static String osName() {
        return read("/etc/os-release").lines().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring(12).replace("\"", "")).orElse("Linux");
    }

    private static String loadAverage() {
        String[] parts = read("/proc/loadavg").split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "?";
    }

    private String wsVersion() {
        String pkg = read(settings.repo().resolve("bench/node-hub/node_modules/ws/package.json").toString());
        var matcher = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(pkg);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private String pomProperty(String name) {
        String pom = read(settings.repo().resolve("pom.xml").toString());
        var matcher = java.util.regex.Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(pom);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", settings.repo().toString()));
        command.addAll(List.of(args));
        return output(command.toArray(String[]::new));
    }

    private static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(settings.runMaxSeconds()));
                OUT.println("bench: the run exceeded its limit of " + settings.runMaxSeconds() + " s; stopping");
                killChildren();
                Runtime.getRuntime().halt(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void killChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
