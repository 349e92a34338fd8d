package dev.herald.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S2's publisher: {@code POST /api/broadcasts} at a fixed rate, with the JDK's HTTP client, carrying an
 * {@code Authorization: Bearer} header when a token was given (Herald's publish API requires one with the
 * {@code publisher} role once authentication lands). Requests are sent on schedule whether or not earlier ones were
 * answered, so a target that answers slowly does not slow the schedule down.
 */
final class HttpTrigger {

    private static final Pattern RECIPIENTS = Pattern.compile("\"recipients\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI uri;
    private final String token;

    /**
     * @param base  the target's root, {@code http://127.0.0.1:port/}
     * @param token a bearer token, or null
     */
    HttpTrigger(URI base, String token) {
        this.uri = base.resolve("api/broadcasts");
        this.token = token;
    }

    /**
     * What one phase of broadcasting did.
     *
     * @param answerMillis how long each request took from sending to its answer (the target's time to accept a
     *                     broadcast; a target that fans out on the request's thread answers only when it is done)
     */
    record Sent(long messages, long accepted, long minRecipients, long firstTimedMicros, List<String> errors,
                Histogram answerMillis) {
    }

    /**
     * Broadcasts to {@code channel} at {@code perSecond} until {@code untilNanos}, then waits for the answers.
     *
     * @param channel    the channel's wire name
     * @param firstSeq   the first sequence number
     * @param untilNanos {@link System#nanoTime()} at which to stop sending
     * @param perSecond  broadcasts per second
     * @param timed      whether to stamp the send time
     * @return what was sent and how the target answered
     */
    Sent broadcast(String channel, long firstSeq, long untilNanos, int perSecond, boolean timed) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        long seq = firstSeq;
        long firstTimed = 0;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        Histogram answerMillis = new Histogram(600_000L, 3);
        while (next < untilNanos) {
            LockSupport.parkNanos(next - System.nanoTime());
            long now = timed ? Payloads.nowMicros() : 0;
            if (timed && firstTimed == 0) {
                firstTimed = now;
            }
            long sentNanos = System.nanoTime();
            answers.add(http.sendAsync(request(channel, Payloads.message(seq, now)),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        synchronized (answerMillis) {
                            answerMillis.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1_000_000));
                        }
                    }));
            seq++;
            next += interval;
        }
        return collect(seq - firstSeq, firstTimed, answers, answerMillis);
    }

    /**
     * Sends one broadcast and waits for its answer.
     *
     * @param channel the channel's wire name
     * @param payload the JSON payload
     * @return the HTTP status
     * @throws Exception when the request fails
     */
    int once(String channel, String payload) throws Exception {
        return http.send(request(channel, payload), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpRequest request(String channel, String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"" + channel + "\",\"payload\":" + payload + "}"));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static Sent collect(long sent, long firstTimed, List<CompletableFuture<HttpResponse<String>>> answers,
                                Histogram answerMillis) {
        long accepted = 0;
        long minRecipients = Long.MAX_VALUE;
        List<String> errors = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            try {
                HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
                Matcher recipients = RECIPIENTS.matcher(response.body());
                if (response.statusCode() == 202 && recipients.find()) {
                    accepted++;
                    minRecipients = Math.min(minRecipients, Long.parseLong(recipients.group(1)));
                } else if (errors.size() < 5) {
                    errors.add("HTTP " + response.statusCode() + ": " + response.body());
                }
            } catch (Exception e) {
                if (errors.size() < 5) {
                    errors.add(e.toString());
                }
            }
        }
        synchronized (answerMillis) {
            return new Sent(sent, accepted, minRecipients == Long.MAX_VALUE ? 0 : minRecipients, firstTimed, errors,
                    answerMillis.copy());
        }
    }
}
