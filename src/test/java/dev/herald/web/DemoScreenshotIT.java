package dev.herald.web;

import dev.herald.support.Browser;
import dev.herald.support.Deployments;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes the demo page's screenshots after a little activity in every panel, on a laptop-sized and a phone-sized
 * window: {@code target/screenshots/demo.png} and {@code demo-phone.png} always, and {@code docs/demo.png} too when
 * run with {@code -Dherald.screenshots=docs} (see docs/client.md). Also checks that the phone-sized page needs no
 * horizontal scrolling.
 */
@EnabledIf(value = "dev.herald.support.Browser#available",
        disabledReason = "Chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
@ExtendWith(ArquillianExtension.class)
class DemoScreenshotIT {

    private static final Path TARGET = Path.of("target", "screenshots");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void demoPage_afterSomeActivity_isCapturedOnLaptopAndPhone_withoutConsoleErrors() throws Exception {
        URI page = Deployments.onLoopback(deployed);
        try (Browser browser = Browser.start(1280, 1020)) {
            Browser.Window other = browser.open(page);
            Browser.Window main = browser.open(page);
            main.type("#chat-nick", "ada");
            other.type("#chat-nick", "grace");

            main.type("#user-name", "ada").click("#create-user button");
            main.awaitTexts("#notifications-log li[data-type=user_created]", texts -> texts.size() == 1, "ada created");
            other.type("#chat-text", "Hi! Is the hub up?").click("#chat-form button");
            main.awaitTexts("#chat-log li.message", texts -> texts.size() == 1, "grace's message");
            main.type("#chat-text", "Yes, and it never echoes back to me.").click("#chat-form button");
            for (Browser.Window window : List.of(other, main)) {
                window.click("#room-join button").awaitState("#rooms", "open");
            }
            other.type("#room-text", "Anyone in the lobby?").click("#room-send button");
            main.awaitTexts("#rooms-log li.message", texts -> texts.size() == 1, "grace's room message");

            main.type("#signin-user", "user-a").click("#signin-form button").awaitState("#user", "open");
            main.click("#place-order");
            main.awaitTexts("#user-log li[data-type=order_updated]", texts -> texts.size() == 1, "the processed order");

            main.click("#feed input[name=topic][value=sports]").click("#feed input[name=topic][value=news]");
            main.awaitTexts("#feed-subscribed", texts -> texts.equals(List.of("Subscribed: news, sports")), "topics");
            main.select("#pub-channel", "feed").type("#pub-target", "sports")
                    .type("#pub-payload", "{\"match\":\"final\",\"score\":\"{n}-0\"}").type("#pub-count", "3")
                    .select("#pub-delivery", "batched").click("#publish-form button");
            main.awaitTexts("#feed-log li.message", texts -> texts.size() == 3, "three scores on the feed");
            main.awaitTexts("#publish-result", texts -> texts.getFirst().startsWith("Published 3"), "publish result");

            Path laptop = TARGET.resolve("demo.png");
            browser.screenshot(main, laptop);
            browser.resize(main, 390, 844);
            Object overflow = main.script("return document.documentElement.scrollWidth - window.innerWidth");
            browser.screenshot(main, TARGET.resolve("demo-phone.png"));

            assertThat(((Number) overflow).intValue()).as("horizontal overflow on a phone, in px").isLessThanOrEqualTo(0);
            assertThat(Files.size(laptop)).isGreaterThan(10_000);
            assertThat(browser.consoleErrors()).isEmpty();
            if ("docs".equals(System.getProperty("herald.screenshots"))) {
                Files.copy(laptop, Path.of("docs", "demo.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
