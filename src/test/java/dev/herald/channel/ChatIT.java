package dev.herald.channel;

import dev.herald.support.Deployments;
import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

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

/** {@code /chat}: client frames reach every other chat connection, byte for byte, and never their sender. */
@ExtendWith(ArquillianExtension.class)
class ChatIT {

    private static final String END = "{\"end\":true}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @ArquillianResource
    URL deployed;

    private URI base;

    @BeforeEach
    void setUp() {
        base = Deployments.onLoopback(deployed);
    }

    @Test
    void frames_fromThreeClients_eachReachExactlyTheTwoOthers_verbatim() {
        try (WsClient a = WsClient.open(base, "chat");
             WsClient b = WsClient.open(base, "chat");
             WsClient c = WsClient.open(base, "chat")) {

            // Not JSON, with spacing and non-ASCII text: a relay passes frames through untouched.
            a.send("from a:  {\"x\": 1 }");
            b.send("from b: ünïcødé ✓");
            c.send("[1, 2,3]");

            assertThat(a.next(2)).containsExactlyInAnyOrder("from b: ünïcødé ✓", "[1, 2,3]");
            assertThat(b.next(2)).containsExactlyInAnyOrder("from a:  {\"x\": 1 }", "[1, 2,3]");
            assertThat(c.next(2)).containsExactlyInAnyOrder("from a:  {\"x\": 1 }", "from b: ünïcødé ✓");

            // Every relay has been dispatched by now, so an echo to a sender would have been queued before this.
            new Rest(base).withToken(Tokens.publisher()).post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":" + END + "}");
            for (WsClient client : List.of(a, b, c)) {
                assertThat(client.next()).isEqualTo(END);
            }
        }
    }
}
