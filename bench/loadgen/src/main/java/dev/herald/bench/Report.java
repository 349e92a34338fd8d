package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Writes {@code latest.md} (or {@code quick.md}), a CSV of every run, and the PNG charts. Ratios are always Herald's
 * figure divided by the baseline's, so for throughput more is better and for latency and memory less is better.
 */
final class Report {

    private static final double MIB = 1024.0 * 1024.0;

    private final Settings settings;
    private final List<ScenarioResult> results;
    private final Map<String, String> labels;
    private final List<String> environment;
    private final String command;

    Report(Settings settings, List<ScenarioResult> results, Map<String, String> labels, List<String> environment,
           String command) {
        this.settings = settings;
        this.results = results;
        this.labels = labels;
        this.environment = environment;
        this.command = command;
    }

    /**
     * @param markdown the Markdown file to write; charts and CSV go beside it
     * @throws IOException when a file cannot be written
     */
    void write(Path markdown) throws IOException {
        Path folder = markdown.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String stem = markdown.getFileName().toString().replaceFirst("\\.md$", "");
        List<String> md = new ArrayList<>();
        md.add("# Herald benchmarks: " + (settings.quick() ? "quick smoke run" : "full run"));
        md.add("");
        md.add("Written by `bench/run` (see [bench/README.md](../README.md)). Every figure below comes from one run of "
                + "one command, with one load generator driving the three targets one after the other. Ratios are "
                + "**Herald ÷ baseline**: above 1 is better for throughput, below 1 is better for latency and memory.");
        md.add("");
        md.add("## Machine, versions, command");
        md.add("");
        environment.forEach(line -> md.add("- " + line));
        md.add("- command: `" + command + "`");
        md.add("");
        summary(md);
        goals(md);
        scaling(md, stem);
        cluster(md);
        bottleneck(md);
        everything(md);
        charts(folder, stem);
        Files.write(markdown, md);
        csv(folder.resolve(stem + ".csv"));
    }

    private void summary(List<String> md) {
        md.add("## Side by side");
        md.add("");
        md.add("| figure | " + String.join(" | ", settings.targets().stream().map(labels::get).toList())
                + " | Herald ÷ Node.js ws | Herald ÷ naive |");
        md.add("|---|" + "---:|".repeat(settings.targets().size()) + "---:|---:|");
        row(md, "S1 frames delivered per second, " + settings.s1Connections() + " on /chat",
                headline("S1", settings.s1Connections()), r -> r.framesPerSecond, "%,.0f");
        row(md, "S1 p50 latency (ms)", headline("S1", settings.s1Connections()), r -> r.latencyMillis(50), "%.2f");
        row(md, "S1 p99 latency (ms)", headline("S1", settings.s1Connections()), r -> r.latencyMillis(99), "%.2f");
        row(md, "S2 p50 latency (ms), " + settings.s2Connections() + " on /notifications",
                headline("S2", settings.s2Connections()), r -> r.latencyMillis(50), "%.2f");
        row(md, "S2 p99 latency (ms)", headline("S2", settings.s2Connections()), r -> r.latencyMillis(99), "%.2f");
        row(md, "S2 p99.9 latency (ms)", headline("S2", settings.s2Connections()), r -> r.latencyMillis(99.9), "%.2f");
        row(md, "S2 HTTP trigger's answer p99 (ms)", headline("S2", settings.s2Connections()),
                r -> r.figure("triggerAnswerP99Ms"), "%,.0f");
        row(md, "S3 connections held (of " + settings.s3Connections() + " tried)", scenario("S3"),
                r -> Double.isNaN(r.figure("connectionsHeldAtMost")) ? r.open : r.figure("connectionsHeldAtMost"), "%,.0f");
        row(md, "S3 live heap per connection (KiB)", scenario("S3"), r -> r.figure("heapPerConnection") / 1024, "%.1f");
        row(md, "S3 RSS per connection (KiB)", scenario("S3"), r -> r.figure("rssPerConnection") / 1024, "%.1f");
        row(md, "S3 heap for 100,000 connections (MiB, extrapolated)", scenario("S3"),
                r -> r.figure("heapFor100k") / MIB, "%,.0f");
        row(md, "S3 RSS for 100,000 connections (MiB, extrapolated)", scenario("S3"),
                r -> r.figure("rssFor100k") / MIB, "%,.0f");
        row(md, "S4 normal clients' p99 (ms)", scenario("S4"), r -> r.latencyMillis(99), "%.2f");
        row(md, "S4 p99 ÷ S1 p99", scenario("S4"), this::s4Ratio, "%.2f");
        row(md, "S4 frames delivered per second", scenario("S4"), r -> r.framesPerSecond, "%,.0f");
        // a ratio of two changes that may have opposite signs means nothing, so this row has none
        textRow(md, "S4 live heap before → after (MiB)", scenario("S4"),
                r -> fmt("%+.1f", (r.figure("heapAfter") - r.figure("heapBefore")) / MIB));
        textRow(md, "S4 stalled client closed by the target (close code; -1 = never)", scenario("S4"),
                r -> String.valueOf(r.figures.getOrDefault("stalledCloseCode", "–")));
        textRow(md, "S4 every normal client got every message", scenario("S4"),
                r -> r.deliveredEverything() ? "yes" : "no");
        md.add("");
    }

    private double s4Ratio(ScenarioResult s4) {
        return headline("S1", settings.s1Connections()).apply(s4.target)
                .map(s1 -> s4.latencyMillis(99) / s1.latencyMillis(99)).orElse(Double.NaN);
    }

    private void goals(List<String> md) {
        md.add("## Herald against its targets");
        md.add("");
        md.add("| target | goal | measured | met |");
        md.add("|---|---|---:|---|");
        Optional<ScenarioResult> s1 = headline("S1", settings.s1Connections()).apply("herald");
        Optional<ScenarioResult> s1Node = headline("S1", settings.s1Connections()).apply("node");
        Optional<ScenarioResult> s1Naive = headline("S1", settings.s1Connections()).apply("naive");
        if (s1.isPresent() && s1Node.isPresent()) {
            double ratio = s1.get().framesPerSecond / s1Node.get().framesPerSecond;
            md.add(goal("S1 throughput vs Node.js ws", "ratio ≥ 1.0", "%.2f".formatted(ratio), ratio >= 1.0));
        }
        if (s1.isPresent() && s1Naive.isPresent()) {
            double ratio = s1.get().framesPerSecond / s1Naive.get().framesPerSecond;
            md.add(goal("S1 throughput vs naive loop", "far above (ratio ≥ 2)", "%.2f".formatted(ratio), ratio >= 2));
        }
        headline("S2", settings.s2Connections()).apply("herald").ifPresent(s2 -> md.add(goal(
                "S2 p99 at " + s2.open + " connections", "≤ 25 ms", "%.2f ms".formatted(s2.latencyMillis(99)),
                s2.latencyMillis(99) <= 25 && s2.deliveredEverything())));
        scenario("S3").apply("herald").ifPresent(s3 -> {
            double kib = s3.figure("heapPerConnection") / 1024;
            // The most held at once: the figures after it are taken with 100 fewer, closed to let jcmd attach.
            double held = s3.figure("connectionsHeldAtMost");
            md.add(goal("S3 connections held", "up to the descriptor limit", "%,.0f of %,d at most".formatted(held,
                    s3.requested), held >= settings.s3Connections() * 0.98));
            md.add(goal("S3 heap per connection", "≤ 20 KiB", "%.1f KiB".formatted(kib), kib <= 20));
        });
        scenario("S4").apply("herald").ifPresent(s4 -> {
            double ratio = s4Ratio(s4);
            md.add(goal("S4 normal clients' p99", "≤ 1.5 × S1's", "%.2f ×".formatted(ratio), ratio <= 1.5));
            Object code = s4.figures.get("stalledCloseCode");
            md.add(goal("S4 stalled client", "closed", "close code " + code + ", removed: "
                    + s4.figures.get("stalledRemoved"), Boolean.TRUE.equals(s4.figures.get("stalledRemoved"))));
            double growth = (s4.figure("heapAfter") - s4.figure("heapBefore")) / MIB;
            md.add(goal("S4 heap", "flat (grows by 16 MiB at most)", "%+.1f MiB".formatted(growth), growth <= 16));
        });
        md.add("");
    }

    private static String goal(String what, String goal, String measured, boolean met) {
        return "| " + what + " | " + goal + " | " + measured + " | " + (met ? "yes" : "**no**") + " |";
    }

    private void scaling(List<String> md, String stem) {
        if (settings.scale().isEmpty()) {
            return;
        }
        md.add("## Scaling curve");
        md.add("");
        md.add("Connections asked for; the number actually open is in the table of every run below. A process "
                + "cannot hold more than 20,000 descriptors here and a target needs some for itself, the publisher and "
                + "the HTTP trigger, so S1 and S2 open at most " + "%,d".formatted(settings.mostReceivers())
                + " receivers: that is the \"20,000\" point.");
        md.add("");
        List<String> names = settings.targets().stream().map(labels::get).toList();
        md.add("| connections | S1 frames/s: " + String.join(" / ", names) + " | S1 p99 ms | S2 p99 ms |");
        md.add("|---:|---:|---:|---:|");
        for (int n : settings.scale()) {
            md.add("| %,d | %s | %s | %s |".formatted(n,
                    across("S1", n, r -> r.framesPerSecond, "%,.0f"),
                    across("S1", n, r -> r.latencyMillis(99), "%.1f"),
                    across("S2", n, r -> r.latencyMillis(99), "%.1f")));
        }
        md.add("");
        md.add("![S1 throughput](" + stem + "-s1-throughput.png)");
        md.add("![p99 against connections](" + stem + "-p99.png)");
        md.add("![S2 latency distribution](" + stem + "-latency.png)");
        md.add("");
    }

    private String across(String scenario, int n, ToDoubleFunction<ScenarioResult> figure, String format) {
        List<String> cells = new ArrayList<>();
        for (String target : settings.targets()) {
            cells.add(find(target, scenario, n).map(r -> fmt(format, figure.applyAsDouble(r))).orElse("–"));
        }
        return String.join(" / ", cells);
    }

    private void bottleneck(List<String> md) {
        md.add("## Who was the bottleneck");
        md.add("");
        md.add("CPU used during each measured phase, in cores (the machine has " + Runtime.getRuntime()
                .availableProcessors() + "). \"Load generator\" is all its processes together. When the machine is "
                + "nearly fully busy and the load generator uses less than the target, the target is the limit; when "
                + "the two together use much less than the busy share, other processes on the machine took the rest "
                + "(the load average says how many were waiting for a core).");
        md.add("");
        md.add("| target | scenario | connections | target cores | load generator cores | machine busy | load average |");
        md.add("|---|---|---:|---:|---:|---:|---:|");
        for (ScenarioResult r : results) {
            if (!r.scenario.equals("S3")) {
                md.add("| %s | %s | %,d | %.2f | %.2f | %.0f %% | %s |".formatted(labels.get(r.target), r.scenario,
                        r.open, r.targetCores, r.clientCores, r.machineBusy * 100, r.loadAverage));
            }
        }
        md.add("");
    }

    private void cluster(List<String> md) {
        List<ScenarioResult> s5 = results.stream().filter(r -> r.scenario.startsWith("S5")).toList();
        if (s5.isEmpty()) {
            return;
        }
        md.add("## S5: two Herald instances in one cluster");
        md.add("");
        md.add("Two Herald instances form one cluster through Payara Micro's data grid on loopback. S2's broadcasts "
                + "(" + settings.s2PerSecond() + " a second for " + settings.s2Seconds() + " s) are fired through "
                + "instance A's HTTP trigger; the receivers sit on A (same instance) and then on B (across "
                + "instances, one hop through the grid).");
        md.add("");
        md.add("| receivers on | connections | frames delivered / expected | p50 ms | p99 ms | p99.9 ms | max ms |");
        md.add("|---|---:|---:|---:|---:|---:|---:|");
        for (ScenarioResult r : s5) {
            md.add("| %s | %,d | %,d / %,d | %s | %s | %s | %s |".formatted(
                    r.scenario.equals(Coordinator.S5_SAME) ? "A (same instance)" : "B (across instances)", r.open,
                    r.deliveredFrames, r.expectedFrames, fmt("%.2f", r.latencyMillis(50)),
                    fmt("%.2f", r.latencyMillis(99)), fmt("%.2f", r.latencyMillis(99.9)),
                    fmt("%.2f", r.latencyMillis(100))));
        }
        md.add("");
    }

    private void everything(List<String> md) {
        md.add("## Every run");
        md.add("");
        md.add("| target | scenario | asked | open | messages | frames delivered / expected | out of order | frames/s | "
                + "p50 ms | p99 ms | p99.9 ms | max ms | problems |");
        md.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (ScenarioResult r : results) {
            md.add("| %s | %s | %s | %,d | %,d | %,d / %,d | %,d | %,.0f | %s | %s | %s | %s | %s |".formatted(
                    labels.get(r.target), r.scenario, asked(r), r.open, r.messages, r.deliveredFrames,
                    r.expectedFrames, r.outOfOrder, r.framesPerSecond, fmt("%.2f", r.latencyMillis(50)),
                    fmt("%.2f", r.latencyMillis(99)), fmt("%.2f", r.latencyMillis(99.9)),
                    fmt("%.2f", r.latencyMillis(100)), String.join("; ", r.problems).replace("|", "/")));
        }
        md.add("");
        md.add("Memory figures (bytes): " + String.join("; ", results.stream()
                .filter(r -> r.scenario.equals("S3") || r.scenario.equals("S4"))
                .map(r -> labels.get(r.target) + " " + r.scenario + " " + r.figures).toList()));
        md.add("");
    }

    private static String asked(ScenarioResult r) {
        return r.receivers == r.requested ? "%,d".formatted(r.requested)
                : "%,d (opened %,d)".formatted(r.requested, r.receivers);
    }

    private void charts(Path folder, String stem) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> targets = settings.targets();
        java.util.function.Function<String, String> label = labels::get;
        List<ScenarioResult> s1 = results.stream().filter(r -> r.scenario.equals("S1")).toList();
        List<ScenarioResult> s2 = results.stream().filter(r -> r.scenario.equals("S2")).toList();
        Charts.againstConnections(s1, targets, label, r -> r.framesPerSecond, "frames delivered per second", false,
                folder.resolve(stem + "-s1-throughput.png"), "S1 fan-out throughput against connections");
        List<ScenarioResult> both = new ArrayList<>();
        List<String> series = new ArrayList<>();
        for (String target : targets) {
            for (ScenarioResult r : results) {
                if (r.target.equals(target) && (r.scenario.equals("S1") || r.scenario.equals("S2"))) {
                    ScenarioResult copy = new ScenarioResult(target + "/" + r.scenario, r.scenario, r.requested);
                    copy.latency = r.latency;
                    both.add(copy);
                }
            }
            series.add(target + "/S1");
            series.add(target + "/S2");
        }
        Charts.againstConnections(both, series, name -> {
            String[] parts = name.split("/");
            return labels.get(parts[0]) + " " + parts[1];
        }, r -> r.latencyMillis(99), "p99 latency (ms)", true, folder.resolve(stem + "-p99.png"),
                "p99 publish-to-receive latency against connections (S1 and S2)");
        List<ScenarioResult> distribution = new ArrayList<>();
        for (String target : targets) {
            headline("S2", settings.s2Connections()).apply(target).ifPresent(distribution::add);
        }
        Charts.latencyDistribution(distribution, label, folder.resolve(stem + "-latency.png"),
                "S2 latency distribution, " + settings.s2Connections() + " connections, "
                        + settings.s2PerSecond() + " broadcasts/s");
    }

    private void csv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("target,scenario,asked,open,messages,expected_frames,delivered_frames,frames_per_s,p50_ms,p99_ms,"
                + "p999_ms,max_ms,target_cores,client_cores,machine_busy,figures,problems");
        for (ScenarioResult r : results) {
            lines.add(String.join(",", r.target, r.scenario, "" + r.requested, "" + r.open, "" + r.messages,
                    "" + r.expectedFrames, "" + r.deliveredFrames, fmt("%.0f", r.framesPerSecond),
                    fmt("%.3f", r.latencyMillis(50)), fmt("%.3f", r.latencyMillis(99)),
                    fmt("%.3f", r.latencyMillis(99.9)), fmt("%.3f", r.latencyMillis(100)),
                    fmt("%.2f", r.targetCores), fmt("%.2f", r.clientCores), fmt("%.2f", r.machineBusy),
                    "\"" + r.figures + "\"", "\"" + String.join("; ", r.problems).replace("\"", "'") + "\""));
        }
        Files.write(file, lines);
    }

    private interface Pick {
        Optional<ScenarioResult> apply(String target);
    }

    private Pick headline(String scenario, int connections) {
        return target -> find(target, scenario, connections);
    }

    private Pick scenario(String scenario) {
        return target -> results.stream().filter(r -> r.target.equals(target) && r.scenario.equals(scenario))
                .findFirst();
    }

    private Optional<ScenarioResult> find(String target, String scenario, int connections) {
        return results.stream().filter(r -> r.target.equals(target) && r.scenario.equals(scenario)
                && r.requested == connections).findFirst();
    }

    private void row(List<String> md, String name, Pick pick, ToDoubleFunction<ScenarioResult> figure, String format) {
        List<String> cells = new ArrayList<>();
        double herald = pick.apply("herald").map(figure::applyAsDouble).orElse(Double.NaN);
        for (String target : settings.targets()) {
            cells.add(pick.apply(target).map(r -> fmt(format, figure.applyAsDouble(r))).orElse("–"));
        }
        double node = pick.apply("node").map(figure::applyAsDouble).orElse(Double.NaN);
        double naive = pick.apply("naive").map(figure::applyAsDouble).orElse(Double.NaN);
        md.add("| " + name + " | " + String.join(" | ", cells) + " | " + fmt("%.2f", herald / node) + " | "
                + fmt("%.2f", herald / naive) + " |");
    }

    private void textRow(List<String> md, String name, Pick pick,
                         java.util.function.Function<ScenarioResult, String> text) {
        List<String> cells = new ArrayList<>();
        for (String target : settings.targets()) {
            cells.add(pick.apply(target).map(text).orElse("–"));
        }
        md.add("| " + name + " | " + String.join(" | ", cells) + " | | |");
    }

    private static String fmt(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, format, value);
    }
}
