package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.JMSException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When no broker answers, the connection failure says why for each address, in words: connection
 * refused, unknown host, timed out; never a class name of the I/O library.
 */
@Timeout(30)
class ConnectFailureIT {

    @Test
    void nothingListeningSaysConnectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "logjms://127.0.0.1:" + port + "?connectTimeout=2000";
        assertThatThrownBy(() -> new LogJmsConnectionFactory(url).createConnection())
                .isInstanceOf(JMSException.class)
                .hasMessage("could not connect to any logjms broker (127.0.0.1:" + port + ": connection refused)");
    }

    @Test
    void unresolvableNameSaysUnknownHost() {
        String url = "logjms://no-such-broker.invalid:7879?connectTimeout=2000";
        assertThatThrownBy(() -> new LogJmsConnectionFactory(url).createConnection())
                .isInstanceOf(JMSException.class)
                .hasMessage("could not connect to any logjms broker (no-such-broker.invalid:7879: unknown host)");
    }

    @Test
    void brokerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        // the kernel completes the TCP handshake from the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = silent.getLocalPort();
            String url = "logjms://127.0.0.1:" + port + "?connectTimeout=2000&requestTimeout=500";
            assertThatThrownBy(() -> new LogJmsConnectionFactory(url).createConnection())
                    .isInstanceOf(JMSException.class)
                    .hasMessage("could not connect to any logjms broker (127.0.0.1:" + port
                            + ": timed out after 500 ms waiting for the handshake)");
        }
    }

    @Test
    void everyBrokerOfTheListIsNamedWithItsReason() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "logjms://no-such-broker.invalid:7879,127.0.0.1:" + port + "?connectTimeout=2000";
        assertThatThrownBy(() -> new LogJmsConnectionFactory(url).createConnection())
                .hasMessage("could not connect to any logjms broker (no-such-broker.invalid:7879: unknown host; "
                        + "127.0.0.1:" + port + ": connection refused)")
                .hasMessageNotContaining("io.netty");
    }
}
