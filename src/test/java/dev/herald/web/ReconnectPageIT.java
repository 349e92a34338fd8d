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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page when the server closes its connections: each panel shows the close, reconnects by itself with a new
 * connection id, and receives the next broadcast.
 */
@EnabledIf(value = "dev.herald.support.Browser#available",
        disabledReason = "Chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
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

            new Publisher(page).publish("{\"channel\":\"notifications\",\"payload\":{\"after\":\"reconnect\"}}");
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

    @Test
    void handshakeRefused_clientKeepsRetrying_withJitteredDelaysThatDoubleUpToTheCap() {
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);

            // No endpoint answers there, like a server that is down: every attempt fails and is retried.
            window.script("""
                    window.closes = [];
                    import('./herald.js').then(({ connect }) => {
                        window.doomed = connect('no-such-channel', { initialDelayMs: 40, maxDelayMs: 160 });
                        window.doomed.on('close', event => window.closes.push(event));
                    });""");
            List<Number> delays = awaitDelays(window, 5);
            window.script("window.doomed.close()");

            long[] ceilings = {40, 80, 160, 160, 160};
            for (int attempt = 0; attempt < ceilings.length; attempt++) {
                assertThat(delays.get(attempt).longValue()).as("delay of attempt %d", attempt)
                        .isBetween(ceilings[attempt] / 2, ceilings[attempt]);
            }
            assertThat(window.script("return window.closes.every(e => e.willReconnect && !e.wasClean)")).isEqualTo(true);
            assertThat(window.script("return window.doomed.state")).isEqualTo("closed");
        }
    }

    @Test
    void ready_resolvesWithTheConnectionId_ofTheConnectedFrame() {
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);

            Object id = window.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('./herald.js').then(async ({ connect }) => {
                        const chat = connect('chat');
                        const id = await chat.ready;
                        done(id === chat.connectionId && chat.state === 'open' ? id : 'mismatch');
                        chat.close();
                    });""");

            assertThat(id).asString().matches("[0-9a-f-]{36}");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Number> awaitDelays(Browser.Window window, int count) {
        org.awaitility.Awaitility.await("five failed attempts").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> ((Number) window.script("return window.closes.length")).intValue() >= count);
        return (List<Number>) window.script("return window.closes.map(e => e.delayMs)");
    }

    private static String connectionId(Browser.Window window, String panel) {
        return (String) window.script("return window.herald[arguments[0]].connectionId", panel);
    }
}
