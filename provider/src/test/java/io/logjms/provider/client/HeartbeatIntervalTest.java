package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatIntervalTest {
    @Test
    void aThirdOfTheRequestTimeout() {
        assertThat(ProtocolClient.heartbeatInterval(Duration.ofMillis(1000))).isEqualTo(333);
        assertThat(ProtocolClient.heartbeatInterval(Duration.ofSeconds(30))).isEqualTo(10_000);
    }

    @Test
    void neverLongerThanTenSecondsSoTheBrokerDoesNotCloseAQuietConnection() {
        assertThat(ProtocolClient.heartbeatInterval(Duration.ofMinutes(5))).isEqualTo(10_000);
    }

    @Test
    void neverZero() {
        assertThat(ProtocolClient.heartbeatInterval(Duration.ofMillis(2))).isEqualTo(1);
    }
}
