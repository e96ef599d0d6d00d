package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.DescribeDestinationResponse;
import io.logjms.protocol.api.DestinationRequest;
import io.logjms.protocol.api.FetchRequest;
import io.logjms.protocol.api.FetchResponseHeader;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.provider.client.ProtocolErrorException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BrokerIT {
    @TempDir
    Path dataDir;
    Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).set("delivery.zero.copy", "true").build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void createDescribeProduceFetchAndDelete() throws Exception {
        try (TestClient c = TestClient.connect(broker.port())) {
            DestinationId topic = DestinationId.topic("orders");
            c.protocol().request(ApiKey.CREATE_DESTINATION,
                    new CreateDestinationRequest(topic, 3, Map.of("retention.ms", "60000"))::writeTo, b -> null)
                    .get(10, TimeUnit.SECONDS);
            ProduceResponse first = c.produce(topic, 1, "a", "b");
            ProduceResponse second = c.produce(topic, 1, "c");
            assertThat(first.baseOffset()).isZero();
            assertThat(first.lastOffset()).isEqualTo(1);
            assertThat(second.baseOffset()).isEqualTo(2);

            DescribeDestinationResponse described = c.protocol().request(ApiKey.DESCRIBE_DESTINATION,
                    new DestinationRequest(topic)::writeTo, DescribeDestinationResponse::readFrom).get(10, TimeUnit.SECONDS);
            assertThat(described.partitions()).hasSize(3);
            assertThat(described.partitions().get(1).logEndOffset()).isEqualTo(3);
            assertThat(described.settings()).containsEntry("retention.ms", "60000");

            List<String> texts = c.protocol().request(ApiKey.FETCH, new FetchRequest(topic, 1, 0, 1 << 20)::writeTo, body -> {
                FetchResponseHeader h = FetchResponseHeader.readFrom(body);
                ByteBuffer bytes = ByteBuffer.allocate(h.recordsLength());
                body.readBytes(bytes);
                bytes.flip();
                List<String> out = new ArrayList<>();
                while (bytes.hasRemaining()) {
                    RecordBatch batch = new RecordBatch(bytes, bytes.position());
                    batch.validate();
                    batch.records().forEachRemaining(r -> out.add(StandardCharsets.UTF_8.decode(r.value()).toString()));
                    bytes.position(bytes.position() + batch.sizeInBytes());
                }
                return out;
            }).get(10, TimeUnit.SECONDS);
            assertThat(texts).containsExactly("a", "b", "c");

            c.protocol().request(ApiKey.DELETE_DESTINATION, new DestinationRequest(topic)::writeTo, b -> null)
                    .get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.protocol().request(ApiKey.DESCRIBE_DESTINATION,
                    new DestinationRequest(topic)::writeTo, b -> null).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ProtocolErrorException.class)
                    .hasMessageContaining("UNKNOWN_DESTINATION");
        }
    }

    @Test
    void wholeBatchOvershootsCreditByTheRestOfTheBatchOnly() throws Exception {
        try (TestClient c = TestClient.connect(broker.port())) {
            DestinationId topic = DestinationId.topic("credit.batches");
            c.produce(topic, 0, "1", "2", "3", "4", "5");
            c.produce(topic, 0, "6", "7");
            c.subscribe(SubscribeRequest.nonDurable(7, topic, StartPosition.EARLIEST, 0, null, 2));
            for (String expected : List.of("1", "2", "3", "4", "5")) {
                assertThat(c.next(5000).text()).isEqualTo(expected);
            }
            assertThat(c.next(300)).as("credit 2 took the first batch of 5, not the next one").isNull();
            c.credit(7, 3);
            assertThat(c.next(300)).as("the 3 records of overshoot are paid back first").isNull();
            c.credit(7, 1);
            assertThat(c.next(5000).text()).isEqualTo("6");
            assertThat(c.next(5000).text()).isEqualTo("7");
            assertThat(c.batchDeliveries()).isEqualTo(2);
        }
    }

    @Test
    void metadataAutoCreatesWithDefaultPartitions() throws Exception {
        try (TestClient c = TestClient.connect(broker.port())) {
            MetadataResponse meta = c.protocol().request(ApiKey.METADATA,
                    new MetadataRequest(List.of(DestinationId.queue("new.queue")), true)::writeTo,
                    MetadataResponse::readFrom).get(10, TimeUnit.SECONDS);
            assertThat(meta.destinations().get(0).error()).isEqualTo(ErrorCode.NONE);
            assertThat(meta.destinations().get(0).partitions()).isEqualTo(1);
        }
    }

    @Test
    void subscriberNeverReceivesMoreThanItsCredit() throws Exception {
        try (TestClient c = TestClient.connect(broker.port())) {
            DestinationId topic = DestinationId.topic("credit");
            for (String text : List.of("1", "2", "3", "4", "5")) {
                c.produce(topic, 0, text); // one record per batch: whole batches cannot overshoot
            }
            c.subscribe(SubscribeRequest.nonDurable(7, topic, StartPosition.EARLIEST, 0, null, 2));
            assertThat(c.next(5000).text()).isEqualTo("1");
            assertThat(c.next(5000).text()).isEqualTo("2");
            assertThat(c.next(300)).as("no credit left").isNull();
            c.credit(7, 10);
            assertThat(c.next(5000).text()).isEqualTo("3");
            assertThat(c.next(5000).text()).isEqualTo("4");
            assertThat(c.next(5000).text()).isEqualTo("5");
            c.produce(topic, 0, "6");
            assertThat(c.next(5000).text()).as("live delivery after append").isEqualTo("6");
        }
    }

    @Test
    void selectorIsEvaluatedInTheBroker() throws Exception {
        try (TestClient c = TestClient.connect(broker.port())) {
            DestinationId topic = DestinationId.topic("selected");
            c.produce(topic, 0, "red", "blue", "red");
            c.subscribe(SubscribeRequest.nonDurable(1, topic, StartPosition.EARLIEST, 0, "text = 'red'", 100));
            assertThat(c.next(5000).record().offset()).isEqualTo(0);
            assertThat(c.next(5000).record().offset()).isEqualTo(2);
            assertThat(c.next(300)).isNull();
        }
    }

    @Test
    void queueRedeliversReleasedRecordsWithAHigherDeliveryCount() throws Exception {
        DestinationId queue = DestinationId.queue("work");
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(queue, 0, "job1", "job2");
            c.subscribe(new SubscribeRequest(1, queue, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
            TestClient.Delivery d1 = c.next(5000);
            TestClient.Delivery d2 = c.next(5000);
            assertThat(d1.record().deliveryCount()).isEqualTo(1);
            c.ack(1, List.of(d2.ref()));
            c.release(1, true, List.of(d1.ref()));
            TestClient.Delivery again = c.next(5000);
            assertThat(again.text()).isEqualTo("job1");
            assertThat(again.record().deliveryCount()).isEqualTo(2);
        }
        try (TestClient c = TestClient.connect(broker.port())) {
            c.subscribe(new SubscribeRequest(1, queue, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
            TestClient.Delivery afterCrash = c.next(5000);
            assertThat(afterCrash.text()).as("unacked record survives the consumer's connection").isEqualTo("job1");
            assertThat(afterCrash.record().deliveryCount()).isEqualTo(3);
            assertThat(c.next(300)).as("acked record is gone").isNull();
        }
    }

    @Test
    void recordMovesToTheDeadLetterQueueAfterTheMaximumDeliveries() throws Exception {
        broker.close();
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).set("delivery.max.attempts", "3")
                .build().start();
        DestinationId queue = DestinationId.queue("poisoned");
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(queue, 0, "poison");
            c.subscribe(new SubscribeRequest(1, queue, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
            for (int attempt = 1; attempt <= 3; attempt++) {
                TestClient.Delivery d = c.next(5000);
                assertThat(d.record().deliveryCount()).isEqualTo(attempt);
                c.release(1, true, List.of(d.ref()));
            }
            assertThat(c.next(300)).isNull();
            c.subscribe(new SubscribeRequest(2, DestinationId.queue("DLQ"), SubscriptionKind.QUEUE, null, null, false,
                    StartPosition.EARLIEST, 0, 10));
            TestClient.Delivery dead = c.next(5000);
            assertThat(dead).isNotNull();
            assertThat(dead.text()).isEqualTo("poison");
            assertThat(dead.subscriptionId()).isEqualTo(2);
        }
    }

    @Test
    void durableSubscriptionKeepsItsPositionAndDeliveryCountsAcrossRestart() throws Exception {
        DestinationId topic = DestinationId.topic("events");
        SubscribeRequest durable = new SubscribeRequest(1, topic, SubscriptionKind.DURABLE, "audit", null, false,
                StartPosition.LATEST, 0, 10);
        try (TestClient c = TestClient.connect(broker.port(), "app-1")) {
            c.subscribe(durable);
            c.produce(topic, 0, "e1", "e2", "e3");
            TestClient.Delivery e1 = c.next(5000);
            c.next(5000);
            c.next(5000);
            c.ack(1, List.of(e1.ref()));
        }
        broker.close();
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        try (TestClient c = TestClient.connect(broker.port(), "app-1")) {
            c.subscribe(durable);
            TestClient.Delivery e2 = c.next(5000);
            assertThat(e2.text()).isEqualTo("e2");
            assertThat(e2.record().deliveryCount()).as("delivered once before the restart").isEqualTo(2);
            assertThat(c.next(5000).text()).isEqualTo("e3");
        }
    }

    @Test
    void unsharedDurableSubscriptionAllowsOneActiveConsumer() throws Exception {
        DestinationId topic = DestinationId.topic("single");
        SubscribeRequest durable = new SubscribeRequest(1, topic, SubscriptionKind.DURABLE, "one", null, false,
                StartPosition.LATEST, 0, 10);
        try (TestClient a = TestClient.connect(broker.port(), "cid")) {
            a.subscribe(durable);
            assertThatThrownBy(() -> a.subscribe(new SubscribeRequest(2, topic, SubscriptionKind.DURABLE, "one", null,
                    false, StartPosition.LATEST, 0, 10)))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("SUBSCRIPTION_IN_USE");
        }
    }

    @Test
    void secondConnectionWithTheSameClientIdIsRefused() throws Exception {
        try (TestClient a = TestClient.connect(broker.port(), "dup")) {
            assertThatThrownBy(() -> TestClient.connect(broker.port(), "dup")).hasMessageContaining("CLIENT_ID_IN_USE");
        }
        try (TestClient again = TestClient.connect(broker.port(), "dup")) {
            assertThat(again.protocol().isOpen()).as("id released when its connection closed").isTrue();
        }
    }

    @Test
    void unknownDestinationWhenAutoCreationIsOff() throws Exception {
        broker.close();
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)
                .set("destinations.auto.create", "false").build().start();
        try (TestClient c = TestClient.connect(broker.port())) {
            assertThatThrownBy(() -> c.produce(DestinationId.queue("nope"), 0, "x"))
                    .hasMessageContaining("UNKNOWN_DESTINATION").hasMessageContaining("destinations.auto.create is off");
        }
    }

    @Test
    void recordsReadBackAfterRestartAreByteIdentical() throws Exception {
        DestinationId q = DestinationId.queue("persist");
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(q, 0, "x", "y");
        }
        broker.close();
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        try (TestClient c = TestClient.connect(broker.port())) {
            c.subscribe(new SubscribeRequest(1, q, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
            assertThat(c.next(5000).text()).isEqualTo("x");
            assertThat(c.next(5000).text()).isEqualTo("y");
        }
    }
}
