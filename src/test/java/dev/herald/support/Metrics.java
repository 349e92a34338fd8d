package dev.herald.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application metrics of a running Herald, read once from {@code GET /metrics?scope=application} (served at the server root, whatever the context root) (Prometheus
 * text format).
 */
public final class Metrics {

    private final Map<String, Double> series;

    private Metrics(Map<String, Double> series) {
        this.series = series;
    }

    /**
     * @param rest a client for the running application
     * @return the metrics as they are now
     */
    public static Metrics read(Rest rest) {
        String body = rest.get("/metrics?scope=application").body();
        Map<String, Double> series = new HashMap<>();
        body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return new Metrics(series);
    }

    /**
     * @param name   the Prometheus name, such as {@code herald_connections_open}
     * @param labels the labels besides {@code mp_scope}, such as {@code channel="chat"}
     * @return the value
     * @throws AssertionError when there is no such series
     */
    public long value(String name, String... labels) {
        // Payara writes the labels in alphabetical order.
        List<String> sorted = new ArrayList<>(List.of(labels));
        sorted.add("mp_scope=\"application\"");
        Collections.sort(sorted);
        String key = name + "{" + String.join(",", sorted) + "}";
        Double value = series.get(key);
        if (value == null) {
            throw new AssertionError("No metric " + key + " in " + series.keySet());
        }
        return value.longValue();
    }

    /**
     * @param channel a channel's wire name
     * @return the label for it
     */
    public static String channel(String channel) {
        return "channel=\"" + channel + "\"";
    }
}
