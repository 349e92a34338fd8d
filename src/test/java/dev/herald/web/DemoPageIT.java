package dev.herald.web;

import dev.herald.support.Browser;
import dev.herald.support.Deployments;

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
 * The demo page in a real headless Chromium: chat between two windows and user creation seen from another window,
 * with no console error along the way.
 */
@EnabledIf(value = "dev.herald.support.Browser#available",
        disabledReason = "Chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
@ExtendWith(ArquillianExtension.class)
class DemoPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @ArquillianResource
    URL deployed;

    private URI page;

    @BeforeEach
    void setUp() {
        page = Deployments.onLoopback(deployed);
    }

    @Test
    void chatMessage_typedInOneWindow_appearsInTheOther_andOnceInTheFirst() {
        try (Browser browser = Browser.start()) {
            Browser.Window ada = browser.open(page);
            Browser.Window bob = browser.open(page);
            ada.type("#chat-nick", "ada");
            bob.type("#chat-nick", "bob");

            ada.type("#chat-text", "hello from ada").click("#chat-form button");
            List<String> atBob = bob.awaitTexts("#chat-log li.message",
                    texts -> texts.stream().anyMatch(text -> text.endsWith("ada: hello from ada")), "ada's message at bob");
            bob.type("#chat-text", "hi ada").click("#chat-form button");
            List<String> atAda = ada.awaitTexts("#chat-log li.message",
                    texts -> texts.stream().anyMatch(text -> text.endsWith("bob: hi ada")), "bob's reply at ada");

            assertThat(atBob).hasSize(1);
            assertThat(atAda).hasSize(1);
            assertThat(ada.texts("#chat-log li[data-type=chat]")).satisfiesExactly(
                    mine -> assertThat(mine).endsWith("ada: hello from ada"),
                    theirs -> assertThat(theirs).endsWith("bob: hi ada"));
            assertThat(bob.texts("#chat-log li[data-type=chat]")).satisfiesExactly(
                    theirs -> assertThat(theirs).endsWith("ada: hello from ada"),
                    mine -> assertThat(mine).endsWith("bob: hi ada"));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void createUser_inOneWindow_showsUserCreatedInASecondWindow() {
        try (Browser browser = Browser.start()) {
            Browser.Window creator = browser.open(page);
            Browser.Window watcher = browser.open(page);

            creator.type("#user-name", "grace").click("#create-user button");

            List<String> seen = watcher.awaitTexts("#notifications-log li[data-type=user_created]",
                    texts -> !texts.isEmpty(), "user_created in the second window");
            assertThat(seen).singleElement().asString().matches(".*user_created: grace \\(#\\d+\\)$");
            assertThat(creator.awaitTexts("#create-user-result", texts -> texts.get(0).startsWith("Created user #"),
                    "the creator's confirmation")).hasSize(1);
            assertThat(withoutTime(creator.awaitTexts("#notifications-log li[data-type=user_created]",
                    texts -> !texts.isEmpty(), "user_created in the creator's window"))).isEqualTo(withoutTime(seen));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void batchFrame_isShownAsItsMessages_inOrder_andErrorFrameIsReported() {
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);

            // A payload shaped like a batch frame is exactly what a batched broadcast sends on the wire.
            new Publisher(page).publish(
                    "{\"channel\":\"notifications\",\"payload\":{\"type\":\"batch\",\"messages\":"
                            + "[{\"n\":1},\"two\",{\"n\":3},[4]]}}");
            window.script("window.herald.notifications.send('not for a read-only channel')");

            List<String> messages = window.awaitTexts("#notifications-log li.message", texts -> texts.size() == 4,
                    "the four messages of the batch");
            assertThat(withoutTime(messages)).containsExactly("{\"n\":1}", "two", "{\"n\":3}", "[4]");
            List<String> errors = window.awaitTexts("#notifications-log li.error", texts -> !texts.isEmpty(),
                    "the read_only error");
            assertThat(withoutTime(errors)).singleElement().asString().startsWith("error read_only: ");
            assertThat(window.text("#notifications .state")).isEqualTo("connected");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void consoleErrors_afterThePageLogsAnError_reportIt() {
        // The other tests' "no console error" means something only if an error would be seen.
        try (Browser browser = Browser.start()) {
            Browser.Window window = browser.open(page);
            window.script("console.error('planted by the test')");

            assertThat(browser.consoleErrors()).singleElement().asString().contains("planted by the test");
        }
    }

    /** Log entries start with the time they arrived; the rest is what the page received. */
    static List<String> withoutTime(List<String> entries) {
        return entries.stream().map(entry -> entry.substring(entry.indexOf(' ') + 1)).toList();
    }
}
