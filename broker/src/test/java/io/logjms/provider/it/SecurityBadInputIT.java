package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.protocol.ErrorCode;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.PushListener;
import jakarta.jms.JMSContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile clients of the security layer leave the broker serving everyone else. */
@Timeout(180)
class SecurityBadInputIT {
    private static final long SEED = 1414L;

    @TempDir
    Path dir;

    private Broker tlsBroker() {
        TestCertificates certs = TestCertificates.get();
        return Broker.builder().dataDir(dir.resolve("data")).host("127.0.0.1").port(0).set("tls.enabled", "true")
                .set("tls.keystore.path", certs.server.toString())
                .set("tls.keystore.password", TestCertificates.PASSWORD).build().start();
    }

    private static void assertTlsClientWorks(Broker broker) {
        String url = "logjms://127.0.0.1:" + broker.port() + "?tls=true&trustStore=" + TestCertificates.get().trustStore
                + "&trustStorePassword=" + TestCertificates.PASSWORD;
        try (JMSContext context = new LogJmsConnectionFactory(url).createContext()) {
            context.createProducer().send(context.createQueue("after.attack"), "fine");
            assertThat(context.createConsumer(context.createQueue("after.attack")).receiveBody(String.class, 10_000))
                    .isEqualTo("fine");
        }
    }

    @Test
    void aClientHelloFullOfGarbageIsDisconnected() throws Exception {
        try (Broker broker = tlsBroker(); Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(10_000);
            byte[] garbage = new byte[512];
            new Random(SEED).nextBytes(garbage);
            OutputStream out = socket.getOutputStream();
            // a TLS handshake record header (type 22, version 3.3, length 512), then random bytes
            out.write(new byte[] {22, 3, 3, 2, 0});
            out.write(garbage);
            out.flush();
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read(new byte[256]);
            } while (read > 0);
            assertThat(read).as("the broker closed the connection (seed %d)", SEED).isEqualTo(-1);
            assertTlsClientWorks(broker);
        }
    }

    @Test
    void aClientThatStopsMidHandshakeDoesNotHoldUpOthers() throws Exception {
        try (Broker broker = tlsBroker(); Socket stalled = new Socket("127.0.0.1", broker.port())) {
            // the start of a ClientHello record that promises 300 bytes and sends 10
            stalled.getOutputStream().write(new byte[] {22, 3, 1, 1, 44, 1, 0, 1, 40, 3, 3, 0, 0, 0, 0});
            stalled.getOutputStream().flush();

            assertTlsClientWorks(broker);
            assertTlsClientWorks(broker);
        }
    }

    @Test
    void aThousandFailedLoginsInARowLeaveTheBrokerServing() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice=secret\n");
        try (Broker broker = Broker.builder().dataDir(dir.resolve("data")).host("127.0.0.1").port(0)
                .set("security.users.file", users.toString()).set("security.allow.anonymous", "false")
                .build().start()) {
            for (int i = 0; i < 1000; i++) {
                int attempt = i;
                assertThatThrownBy(() -> handshake(broker, "alice", "guess-" + attempt))
                        .as("attempt %d", attempt)
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(ProtocolErrorException.class)
                        .satisfies(e -> assertThat(((ProtocolErrorException) e).error())
                                .isEqualTo(ErrorCode.AUTHENTICATION_FAILED));
                handshake(broker, "alice", "secret").close();
            }
            try (JMSContext context = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port())
                    .createContext("alice", "secret")) {
                context.createProducer().send(context.createQueue("still.here"), "yes");
                assertThat(context.createConsumer(context.createQueue("still.here")).receiveBody(String.class, 10_000))
                        .isEqualTo("yes");
            }
        }
    }

    private static ProtocolClient handshake(Broker broker, String user, String password) throws Exception {
        return ProtocolClient.connect("127.0.0.1", broker.port(), ProtocolClient.handshake(null, user, password),
                Duration.ofSeconds(5), Duration.ofSeconds(5), PushListener.NONE).get(10, TimeUnit.SECONDS);
    }
}
