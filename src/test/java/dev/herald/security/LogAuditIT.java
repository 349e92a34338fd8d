package dev.herald.security;

import dev.herald.fixture.TokenLogAudit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other IT (its own failsafe execution): the access logs of all their servers, and every log record
 * those servers produced (collected by {@link TokenLogAudit}), contain no token. The suite sends tokens as
 * {@code ?access_token=}, as subprotocols and as {@code Authorization} headers, valid and invalid.
 */
class LogAuditIT {

    private static final Path AUDIT = Path.of(System.getProperty("herald.test.audit.dir", "target/log-audit"));

    @Test
    void fullSuite_accessLogsAndServerLogs_containNoToken() throws IOException {
        List<Path> accessLogs;
        try (Stream<Path> files = Files.walk(AUDIT.resolve("access"))) {
            accessLogs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(accessLogs).isNotEmpty();

        StringBuilder all = new StringBuilder();
        for (Path log : accessLogs) {
            all.append(Files.readString(log, StandardCharsets.ISO_8859_1));
        }
        // The suite's handshakes with ?access_token= were logged, only without their query.
        assertThat(all).contains("/herald/user");
        assertThat(TokenLogAudit.TOKEN.matcher(all).find()).as("a token in an access log").isFalse();

        Path tokenLines = AUDIT.resolve("token-lines.txt");
        assertThat(Files.exists(tokenLines) ? Files.readString(tokenLines) : "").as("server log lines with a token").isEmpty();
    }
}
