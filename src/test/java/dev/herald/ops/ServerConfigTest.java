package dev.herald.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Payara pre-boot files in {@code server-config/}: the container's (also the integration tests') and the one for a
 * developer's machine must set the same server up, apart from the loopback binding only the latter has.
 */
class ServerConfigTest {

    private static final String NO_SERVER_HEADER =
            "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.server-header=false";
    private static final String UNFINISHED_REQUEST_TIMEOUT =
            "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.timeout-seconds=10";
    private static final String LOOPBACK_ONLY =
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener"
                    + ".address=127.0.0.1";

    @Test
    void preBootFiles_bothSetTheSameServer_onlyTheLocalOneBindsToLoopback() throws IOException {
        assertThat(commands("pre-boot-container.txt")).containsExactly(NO_SERVER_HEADER, UNFINISHED_REQUEST_TIMEOUT);
        assertThat(commands("pre-boot-commands.txt"))
                .containsExactly(LOOPBACK_ONLY, NO_SERVER_HEADER, UNFINISHED_REQUEST_TIMEOUT);
    }

    private static List<String> commands(String file) throws IOException {
        return Files.readAllLines(Path.of("server-config", file)).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
