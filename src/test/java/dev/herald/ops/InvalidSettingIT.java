package dev.herald.ops;

import dev.herald.config.HeraldConfiguration;
import dev.herald.support.PayaraProcess;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting Herald cannot use stops the start, with a message that names it and its range. */
class InvalidSettingIT {

    @Test
    void start_withNegativeDrainTimeoutInEnvironment_exitsWith78AndNamesTheSetting() throws Exception {
        try (PayaraProcess payara = PayaraProcess.start(new File("target/herald.war"), Map.of(),
                Map.of("HERALD_SHUTDOWN_DRAIN_TIMEOUT_MS", "-1"))) {

            assertThat(payara.awaitExit(PayaraProcess.START_TIMEOUT)).isEqualTo(HeraldConfiguration.EXIT_INVALID_SETTINGS);
            assertThat(payara.console()).contains(
                    "Herald cannot start: herald.shutdown.drain-timeout-ms must be a whole number from 0 to 600000, was \"-1\"");
        }
    }

    @Test
    void start_withNegativeQueueLimitInEnvironment_exitsWith78AndNamesTheSetting() throws Exception {
        try (PayaraProcess payara = PayaraProcess.start(new File("target/herald.war"), Map.of(),
                Map.of("HERALD_DELIVERY_QUEUE_MAX_MESSAGES", "-1"))) {

            assertThat(payara.awaitExit(PayaraProcess.START_TIMEOUT)).isEqualTo(HeraldConfiguration.EXIT_INVALID_SETTINGS);
            assertThat(payara.console()).contains("Herald cannot start: herald.delivery.queue.max-messages must be "
                    + "a whole number from 1 to 2147483647, was \"-1\"");
        }
    }
}
