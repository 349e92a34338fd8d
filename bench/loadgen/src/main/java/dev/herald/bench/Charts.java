package dev.herald.bench;

import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The report's PNG charts, drawn with JFreeChart. */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Charts() {
    }

    /**
     * Publish-to-receive latency against percentile, one line per target, on log scales.
     *
     * @param results  one S2 result per target
     * @param labels   how to name each target
     * @param file     the PNG to write
     * @param title    the chart's title
     */
    static void latencyDistribution(List<ScenarioResult> results, java.util.function.Function<String, String> labels,
                                     Path file, String title) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ScenarioResult result : results) {
            if (result.latency.getTotalCount() == 0) {
                continue;
            }
            XYSeries series = new XYSeries(labels.apply(result.target));
            for (HistogramIterationValue value : result.latency.percentiles(5)) {
                double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0) {
                    break;
                }
                double ms = Math.max(0.001, value.getValueIteratedTo() / 1000.0);
                series.addOrUpdate(100.0 / (100.0 - percentile), ms);
            }
            data.addSeries(series);
        }
        LogAxis x = new LogAxis("percentile (1 = p0, 10 = p90, 100 = p99, 1000 = p99.9)");
        x.setBase(10);
        LogAxis y = new LogAxis("latency (ms)");
        y.setBase(10);
        write(data, x, y, file, title);
    }

    /**
     * One line per target of a figure against the connection count.
     *
     * @param results every result of one scenario, all targets
     * @param targets target names, in legend order
     * @param labels  how to name each target
     * @param figure  the figure to plot
     * @param yLabel  the figure's axis label
     * @param logY    whether the y axis is logarithmic
     * @param file    the PNG to write
     * @param title   the chart's title
     */
    static void againstConnections(List<ScenarioResult> results, List<String> targets,
                                   java.util.function.Function<String, String> labels,
                                   ToDoubleFunction<ScenarioResult> figure, String yLabel, boolean logY, Path file,
                                   String title) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String target : targets) {
            XYSeries series = new XYSeries(labels.apply(target));
            for (ScenarioResult result : results) {
                double value = figure.applyAsDouble(result);
                if (result.target.equals(target) && !Double.isNaN(value) && (!logY || value > 0)) {
                    series.addOrUpdate(result.requested, value);
                }
            }
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis("connections");
        if (logY) {
            LogAxis y = new LogAxis(yLabel);
            y.setBase(10);
            write(data, x, y, file, title);
        } else {
            write(data, x, new NumberAxis(yLabel), file, title);
        }
    }

    private static void write(XYSeriesCollection data, org.jfree.chart.axis.ValueAxis x,
                              org.jfree.chart.axis.ValueAxis y, Path file, String title) throws IOException {
        XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, true));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
