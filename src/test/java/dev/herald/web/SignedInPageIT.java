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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page's signed-in user panel: a token minted by the page, a {@code /user} connection per window, and an
 * order whose {@code processed} update reaches exactly the windows of the user who placed it.
 */
@EnabledIf(value = "dev.herald.support.Browser#available",
        disabledReason = "Chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
@ExtendWith(ArquillianExtension.class)
class SignedInPageIT {

    private static final Pattern PLACED = Pattern.compile("order #(\\d+) pending");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void placeOrder_asUserA_showsProcessedInBothOfAsWindows_andInNoWindowOfUserB() {
        URI page = Deployments.onLoopback(deployed);
        try (Browser browser = Browser.start()) {
            Browser.Window a1 = signIn(browser.open(page), "user-a");
            Browser.Window a2 = signIn(browser.open(page), "user-a");
            Browser.Window b = signIn(browser.open(page), "user-b");

            String orderA = placeOrder(a1);
            String processedA = "order #" + orderA + " processed";
            for (Browser.Window window : List.of(a1, a2)) {
                assertThat(DemoPageIT.withoutTime(window.awaitTexts("#user-log li[data-type=order_updated]",
                        texts -> !texts.isEmpty(), "user-a's processed order"))).containsExactly(processedA);
            }

            // user-b's window works (its own order arrives) and never saw user-a's.
            String orderB = placeOrder(b);
            assertThat(DemoPageIT.withoutTime(b.awaitTexts("#user-log li[data-type=order_updated]",
                    texts -> !texts.isEmpty(), "user-b's processed order")))
                    .containsExactly("order #" + orderB + " processed");
            for (Browser.Window window : List.of(a1, a2)) {
                assertThat(DemoPageIT.withoutTime(window.texts("#user-log li[data-type=order_updated]")))
                        .containsExactly(processedA);
            }
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static Browser.Window signIn(Browser.Window window, String userId) {
        window.type("#signin-user", userId).click("#signin-form button");
        window.awaitState("#user", "open");
        return window;
    }

    private static String placeOrder(Browser.Window window) {
        window.click("#place-order");
        String placed = window.awaitTexts("#user-log li[data-type=order_placed]", texts -> !texts.isEmpty(),
                "the order's pending answer").getLast();
        Matcher matcher = PLACED.matcher(placed);
        assertThat(matcher.find()).as("placed: %s", placed).isTrue();
        return matcher.group(1);
    }
}
