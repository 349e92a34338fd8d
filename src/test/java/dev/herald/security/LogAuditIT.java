package dev.herald.security;

import dev.herald.fixture.TokenLogAudit;
import dev.herald.support.Tokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other IT (its own failsafe execution): the access logs of all their servers, and every log record
 * those servers produced (collected by {@link TokenLogAudit}), contain no token. The suite sends tokens as
 * {@code ?access_token=}, as subprotocols and as {@code Authorization} headers, valid and invalid.
 *
 * <p>A search that finds nothing proves little unless it would have found something: the negative control plants
 * real tokens the ways they could leak and checks that the same search finds each of them.
 */
class LogAuditIT {

    private static final Path AUDIT = Path.of(System.getProperty("herald.test.audit.dir", "target/log-audit"));

    @Test
    void fullSuite_accessLogsAndServerLogs_containNoToken() throws IOException {
        String all = accessLogs(AUDIT.resolve("access"));
        // The suite's handshakes with ?access_token= were logged, only without their query.
        assertThat(all).contains("/herald/user");
        assertThat(TokenLogAudit.TOKEN.matcher(all).find()).as("a token in an access log").isFalse();

        Path tokenLines = AUDIT.resolve("token-lines.txt");
        assertThat(Files.exists(tokenLines) ? Files.readString(tokenLines) : "").as("server log lines with a token").isEmpty();
    }

    @Test
    void negativeControl_tokensPlantedTheWaysTheyCouldLeak_areEachFound(@TempDir Path planted) throws IOException {
        String token = Tokens.user("audit-control");
        // An access log in a format that keeps the query (%request%), as Payara's "common" format does.
        Files.writeString(planted.resolve("server_access_log.txt"),
                "127.0.0.1|03/Dec/2026:16:00:00|GET /herald/user?access_token=" + token + " HTTP/1.1|101|0\n");
        assertThat(TokenLogAudit.TOKEN.matcher(accessLogs(planted)).find()).as("a token in an access log").isTrue();
        assertThat(TokenLogAudit.TOKEN.matcher("GET /herald/user?access_token=x HTTP/1.1").find())
                .as("any access_token value, even one that is not a JWT").isTrue();

        LogRecord inMessage = new LogRecord(Level.FINE, "Refused " + token);
        LogRecord inParameter = new LogRecord(Level.FINE, "Refused a bearer token {0}");
        inParameter.setParameters(new Object[] {token});
        LogRecord inCause = new LogRecord(Level.WARNING, "Handshake failed");
        inCause.setThrown(new IllegalStateException("outer", new IllegalArgumentException("bad token " + token)));
        LogRecord clean = new LogRecord(Level.FINE, "Refused a bearer token on /herald/user: expired");

        assertThat(List.of(inMessage, inParameter, inCause)).allSatisfy(
                record -> assertThat(TokenLogAudit.auditLine(record)).as(record.getMessage()).contains(token));
        assertThat(TokenLogAudit.auditLine(clean)).isNull();
    }

    private static String accessLogs(Path directory) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(directory)) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).as("access logs in " + directory).isNotEmpty();

        StringBuilder all = new StringBuilder();
        for (Path log : logs) {
            all.append(Files.readString(log, StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}
