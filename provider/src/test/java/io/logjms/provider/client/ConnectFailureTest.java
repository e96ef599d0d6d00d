package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Why one broker could not be reached, in words a user reads: no class names of the I/O library. */
class ConnectFailureTest {
    private static final Duration CONNECT = Duration.ofMillis(250);
    private static final Duration REQUEST = Duration.ofMillis(4_000);

    private static String describe(Throwable cause) {
        return ConnectFailure.describe(cause, CONNECT, REQUEST);
    }

    @Test
    void refusedConnectionSaysConnectionRefused() {
        assertThat(describe(new ConnectException("Connection refused: localhost/127.0.0.1:7879")))
                .isEqualTo("connection refused");
    }

    @Test
    void connectTimeoutSaysHowLongItWaited() {
        assertThat(describe(new ConnectTimeoutException("connection timed out after 250 ms: /10.255.255.1:7879")))
                .isEqualTo("timed out after 250 ms");
    }

    @Test
    void unknownHostSaysUnknownHost() {
        assertThat(describe(new UnknownHostException("no-such-broker.invalid: Name or service not known")))
                .isEqualTo("unknown host");
    }

    @Test
    void handshakeWithoutAnswerSaysWhatTimedOut() {
        assertThat(describe(new TimeoutException("HANDSHAKE request got no response within 4000 ms")))
                .isEqualTo("timed out after 4000 ms waiting for the handshake");
    }

    @Test
    void connectionClosedDuringTheHandshake() {
        assertThat(describe(new ConnectionLostException("connection to the broker was lost", null)))
                .isEqualTo("the connection closed during the handshake");
    }

    @Test
    void otherSocketErrorsKeepTheirMessageWithoutTheAddressOrClassName() {
        assertThat(describe(new NoRouteToHostException("No route to host: /10.0.0.9:7879")))
                .isEqualTo("no route to host");
        assertThat(describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
