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
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page when the server closes its connections: each panel shows the close, reconnects by itself with a new
 * connection id, and receives the next broadcast.
 */
@ExtendWith(ArquillianExtension.class)
class ReconnectPageIT {

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
    void serverClosesNotifications_pageShowsIt_reconnects_andReceivesTheNextBroadcast() {
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);
            String firstId = connectionId(window, "notifications");

            assertThat(rest.post("api/fixture/connections/close?channel=notifications", "").body()).isEqualTo("1");

            List<String> closes = window.awaitTexts("#notifications-log li[data-type=closed]", texts -> !texts.isEmpty(),
                    "the close shown in the notifications panel");
            assertThat(DemoPageIT.withoutTime(closes)).singleElement().asString()
                    .matches("connection closed \\(1012 service_restart\\), reconnecting in \\d+\\.\\d s");
            window.awaitTexts("#notifications-log li[data-type=connected]", texts -> texts.size() == 2,
                    "a second connected frame");
            window.awaitState("#notifications", "open");
            assertThat(connectionId(window, "notifications")).isNotEqualTo(firstId);

            rest.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":{\"after\":\"reconnect\"}}");
            List<String> received = window.awaitTexts("#notifications-log li.message", texts -> !texts.isEmpty(),
                    "the broadcast after the reconnect");
            assertThat(DemoPageIT.withoutTime(received)).containsExactly("{\"after\":\"reconnect\"}");
            assertThat(window.text("#chat .state")).isEqualTo("connected");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void serverClosesChatTwice_chatPanelReconnectsEachTime_andMessagesStillFlowBothWays() {
        try (Browser browser = Browser.start()) {
            Browser.Window ada = browser.open(page);
            Browser.Window bob = browser.open(page);

            for (int round = 1; round <= 2; round++) {
                assertThat(rest.post("api/fixture/connections/close?channel=chat", "").body()).isEqualTo("2");
                int connections = round + 1;
                for (Browser.Window window : List.of(ada, bob)) {
                    window.awaitTexts("#chat-log li[data-type=connected]", texts -> texts.size() == connections,
                            "chat connection number " + connections);
                    window.awaitState("#chat", "open");
                }
            }

            ada.type("#chat-nick", "ada").type("#chat-text", "still here").click("#chat-form button");
            assertThat(DemoPageIT.withoutTime(bob.awaitTexts("#chat-log li.message", texts -> !texts.isEmpty(),
                    "ada's message after two reconnects"))).containsExactly("ada: still here");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static String connectionId(Browser.Window window, String panel) {
        return (String) window.script("return window.herald[arguments[0]].connectionId", panel);
    }
}
