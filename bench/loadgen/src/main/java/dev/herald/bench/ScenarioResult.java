package dev.herald.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured on one target. Latencies are in microseconds; figures that only some scenarios have
 * (memory, the stalled client's fate) are in {@link #figures}, by name.
 */
final class ScenarioResult {

    final String target;
    final String scenario;
    final int requested;
    /** Receiving connections actually opened for it: {@link #requested}, or fewer at the descriptor limit. */
    final int receivers;
    long open;
    long messages;
    long expectedFrames;
    long deliveredFrames;
    long outOfOrder;
    long closedByTarget;
    double framesPerSecond;
    double seconds;
    Histogram latency = new Histogram(120_000_000L, 3);
    double clientCores;
    double targetCores;
    double machineBusy;
    /** The machine's 1-minute load average at the end of the measured phase, for how crowded it was. */
    String loadAverage = "?";
    final Map<String, Object> figures = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    /**
     * @param target    the target's name
     * @param scenario  S1, S2, S3 or S4
     * @param requested connections asked for
     */
    ScenarioResult(String target, String scenario, int requested) {
        this(target, scenario, requested, requested);
    }

    /**
     * @param target    the target's name
     * @param scenario  S1, S2, S3 or S4
     * @param requested connections asked for (the point on the scaling curve)
     * @param receivers connections opened for it
     */
    ScenarioResult(String target, String scenario, int requested, int receivers) {
        this.target = target;
        this.scenario = scenario;
        this.requested = requested;
        this.receivers = receivers;
    }

    /**
     * @return whether every connection meant to open (see {@link #receivers}) opened and received every message,
     *         and, where one publisher sent them all over one connection (S1, S4), in the order sent. S2's broadcasts
     *         (and S5's) are separate HTTP requests that may overlap, and no target promises an order between
     *         concurrent requests.
     */
    boolean deliveredEverything() {
        boolean ordered = scenario.equals("S2") || scenario.startsWith("S5") || outOfOrder == 0;
        return problems.isEmpty() && open == receivers && deliveredFrames == expectedFrames && ordered;
    }

    /**
     * @param percentile 0 to 100
     * @return that percentile of latency in milliseconds, or NaN when nothing was timed
     */
    double latencyMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * @param name a figure's name
     * @return the figure as a number, or NaN
     */
    double figure(String name) {
        return figures.get(name) instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
