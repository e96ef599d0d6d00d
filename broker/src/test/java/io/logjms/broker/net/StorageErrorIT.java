package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.broker.log.FaultyFileChannel;
import io.logjms.broker.log.FileChannelOpener;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.client.ProtocolErrorException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fails under the log: the producer gets STORAGE_ERROR (a JMSException through the JMS
 * API), the partition stops taking writes instead of storing half of them, and after a restart on a
 * healthy disk every record acknowledged before the failure is there and appends go on after it.
 */
@Timeout(60)
class StorageErrorIT {
    @TempDir
    Path dataDir;
    private final AtomicBoolean diskFails = new AtomicBoolean();
    private Broker broker;

    private Broker start(FileChannelOpener opener) {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).fileChannelOpener(opener).build().start();
        return broker;
    }

    /** Log files whose writes fail while {@link #diskFails} is set; index files stay healthy. */
    private FileChannelOpener failingLogWrites() {
        return (path, options) -> {
            boolean isLog = path.getFileName().toString().endsWith(".log");
            return new FaultyFileChannel(FileChannelOpener.DEFAULT.open(path, options), () -> {
                if (isLog && diskFails.get()) {
                    throw new IOException("injected: No space left on device");
                }
            }, () -> {
            });
        };
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aFailedWriteIsAStorageErrorAndNothingAcknowledgedIsLost() throws Exception {
        DestinationId topic = DestinationId.topic("disk");
        start(failingLogWrites());
        try (TestClient c = TestClient.connect(broker.port())) {
            c.createDestination(topic, 1);
            c.produce(topic, 0, "a", "b");
            diskFails.set(true);
            assertThatThrownBy(() -> c.produce(topic, 0, "c"))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ProtocolErrorException.class)
                    .satisfies(e -> assertThat(((ProtocolErrorException) e).error()).isEqualTo(ErrorCode.STORAGE_ERROR))
                    .hasMessageContaining("No space left on device");
            diskFails.set(false);
            assertThatThrownBy(() -> c.produce(topic, 0, "d"))
                    .as("the partition stays offline until the broker restarts, so no write lands after a lost one")
                    .cause().isInstanceOf(ProtocolErrorException.class)
                    .hasMessageContaining("offline");
        }
        broker.close();

        start(FileChannelOpener.DEFAULT);
        try (TestClient c = TestClient.connect(broker.port())) {
            assertThat(texts(c.fetchAll(topic, 0))).containsExactly("a", "b");
            c.produce(topic, 0, "e");
            List<TestClient.StoredBatch> batches = c.fetchAll(topic, 0);
            TestClient.StoredBatch after = batches.get(batches.size() - 1);
            assertThat(after.baseOffset()).as("appends go on right after the acknowledged records").isEqualTo(2);
            assertThat(texts(batches)).containsExactly("a", "b", "e");
        }
    }

    @Test
    void aJmsSendOnAFailingDiskThrowsAndTheStoredMessagesStayReadable() throws Exception {
        start(failingLogWrites());
        String url = "logjms://127.0.0.1:" + broker.port();
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            connection.setClientID("disk-test");
            Session session = connection.createSession();
            Topic topic = session.createTopic("jms-disk");
            MessageProducer producer = session.createProducer(topic);
            session.createDurableConsumer(topic, "reader").close();
            producer.send(session.createTextMessage("kept"));
            diskFails.set(true);
            assertThatThrownBy(() -> producer.send(session.createTextMessage("lost")))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("No space left on device");
            diskFails.set(false);
        }
        broker.close();

        start(FileChannelOpener.DEFAULT);
        try (Connection connection = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port())
                .createConnection()) {
            connection.setClientID("disk-test");
            Session session = connection.createSession();
            MessageConsumer reader = session.createDurableConsumer(session.createTopic("jms-disk"), "reader");
            connection.start();
            TextMessage kept = (TextMessage) reader.receive(TimeUnit.SECONDS.toMillis(10));
            assertThat(kept).isNotNull();
            assertThat(kept.getText()).isEqualTo("kept");
            assertThat(reader.receive(300)).as("the failed send was never stored").isNull();
        }
    }

    private static List<String> texts(List<TestClient.StoredBatch> batches) {
        List<String> texts = new ArrayList<>();
        batches.forEach(b -> texts.addAll(b.texts()));
        return texts;
    }
}
