package dev.herald.security;

import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
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

import java.io.IOException;
import java.net.URI;
import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code herald.security.rooms.require-token=true} every room member is a known user, so the cap of rooms per
 * user (here 2) leaves no way around it: an anonymous handshake is refused with 401, and a user's connection to a
 * third room is closed with 1008 {@code too_many_rooms} while the first two carry on.
 */
@ExtendWith(ArquillianExtension.class)
class RoomsRequireTokenIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.herald(),
                "herald.security.rooms.require-token=true", "herald.security.max-rooms-per-user=2");
    }

    @ArquillianResource
    URL deployed;

    private URI base;
    private Rest publisher;

    @BeforeEach
    void setUp() {
        base = Deployments.onLoopback(deployed);
        publisher = new Rest(base).withToken(Tokens.publisher());
    }

    @Test
    void anonymousJoin_refused401_userJoinsTwoRooms_aThirdClosed1008TooManyRooms() throws IOException {
        Handshake anonymous = Handshake.attempt(base, "rooms/a");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().get("www-authenticate")).isEqualTo("Bearer");
        assertThat(anonymous.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(WsClient.parse(anonymous.body()).getString("detail")).startsWith("Joining a room needs a token");

        String token = Tokens.user("member");
        try (WsClient first = WsClient.open(base, "rooms/a?access_token=" + token);
             WsClient second = WsClient.open(base, "rooms/b", "bearer", token);
             WsClient third = WsClient.connect(URI.create(base.toString().replaceFirst("^http", "ws")).resolve("rooms/c"),
                     "bearer", token)) {
            assertThat(first.greeting().getString("user")).isEqualTo("member");
            assertThat(second.subprotocol()).isEqualTo("bearer");
            assertThat(third.awaitClose()).isEqualTo(1008);
            assertThat(third.closeReason()).isEqualTo("too_many_rooms");

            publisher.post("api/broadcasts", "{\"channel\":\"rooms\",\"payload\":\"still here\"}");
            assertThat(first.next()).isEqualTo("\"still here\"");
            assertThat(second.next()).isEqualTo("\"still here\"");
        }
    }
}
