package dev.herald.web;

import dev.herald.fixture.ConnectionsFixture;
import dev.herald.support.Browser;
import dev.herald.support.Deployments;
import dev.herald.support.Rest;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page's feed panel: topic check-boxes, a batched burst from the publisher form shown message by message in
 * order, and subscriptions restored after the server closes the connection.
 */
@EnabledIf(value = "dev.herald.support.Browser#available",
        disabledReason = "Chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
@ExtendWith(ArquillianExtension.class)
class FeedPageIT {

    private static final String FEED_MESSAGES = "#feed-log li.message";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(ConnectionsFixture.class);
    }

    @ArquillianResource
    URL deployed;

    private URI page;
    private Rest rest;

    @BeforeEach
    void setUp() {
        page = Deployments.onLoopback(deployed);
        rest = new Rest(page);
    }

    @Test
    void batchedBurstFromPublisherForm_showsEveryMessageInOrder_inBatches() {
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);
            subscribe(window, "sports");

            window.select("#pub-channel", "feed");
            window.type("#pub-target", "sports").type("#pub-payload", "{\"seq\":{n}}").type("#pub-count", "20");
            window.select("#pub-delivery", "batched");
            window.click("#publish-form button");

            List<String> messages = window.awaitTexts(FEED_MESSAGES, texts -> texts.size() == 20, "20 feed messages");
            assertThat(DemoPageIT.withoutTime(messages))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(n -> "{\"seq\":" + n + "}").toList());
            // Each batch line says how many messages follow it; together they are the burst.
            List<String> batches = DemoPageIT.withoutTime(window.texts("#feed-log li[data-type=batch]"));
            assertThat(batches).isNotEmpty();
            assertThat(batches.stream().mapToInt(FeedPageIT::batchSize).sum()).isEqualTo(20);
            assertThat(window.text("#publish-result")).startsWith("Published 20");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void serverClosesFeed_pageReconnects_restoresItsTopics_andReceivesTheNextBroadcast() {
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);
            subscribe(window, "sports");
            subscribe(window, "news");
            window.awaitTexts("#feed-subscribed", texts -> texts.equals(List.of("Subscribed: news, sports")),
                    "both topics subscribed");

            assertThat(rest.post("api/fixture/connections/close?channel=feed", "").body()).isEqualTo("1");

            window.awaitTexts("#feed-log li[data-type=closed]", texts -> texts.size() == 1, "the close shown");
            window.awaitTexts("#feed-log li[data-type=connected]", texts -> texts.size() == 2, "a new connection");
            window.awaitTexts("#feed-subscribed", texts -> texts.equals(List.of("Subscribed: news, sports")),
                    "both topics restored");
            publishToFeed("news", "{\"after\":\"reconnect\"}");
            publishToFeed("weather", "{\"not\":\"subscribed\"}");
            publishToFeed("sports", "{\"still\":\"subscribed\"}");

            assertThat(DemoPageIT.withoutTime(window.awaitTexts(FEED_MESSAGES, texts -> texts.size() == 2,
                    "two broadcasts after the reconnect")))
                    .containsExactly("{\"after\":\"reconnect\"}", "{\"still\":\"subscribed\"}");
            assertThat(checkedTopics(window)).containsExactly("sports", "news");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static void subscribe(Browser.Window window, String topic) {
        window.click("#feed input[name=topic][value=" + topic + "]");
        window.awaitState("#feed", "open");
        window.awaitTexts("#feed-subscribed", texts -> texts.getFirst().contains(topic), topic + " subscribed");
    }

    @SuppressWarnings("unchecked")
    private static List<String> checkedTopics(Browser.Window window) {
        return (List<String>) window.script(
                "return [...document.querySelectorAll('#feed input[name=topic]:checked')].map(box => box.value)");
    }

    private void publishToFeed(String topic, String payload) {
        new Publisher(page).publish("{\"channel\":\"feed\",\"topic\":\"" + topic + "\",\"payload\":" + payload + "}");
    }

    private static int batchSize(String line) {
        return Integer.parseInt(line.replaceAll("\\D", ""));
    }
}
