package io.logjms.benchmarks.sidebyside;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The workload primitives on Kafka with kafka-clients. A subscription is a consumer group that starts
 * at the earliest offset and commits automatically; topics have one partition, replicated to every broker of a
 * cluster (with {@code min.insync.replicas=2}) or not at all on a single broker. Producers use
 * {@code acks=all} and {@code linger.ms=5}, except the synchronous publisher: a blocking send has one
 * message in flight, so lingering would only add 5 ms to every send.
 */
public final class KafkaClient implements MessagingClient {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final int replicationFactor;
    private final Admin admin;

    /** A client of a single broker. */
    public KafkaClient(String host, int port) {
        this(1, host + ":" + port);
    }

    /**
     * A client of the brokers in {@code bootstrap} ({@code host:port,...}) whose topics get {@code replicationFactor}
     * replicas ({@code min.insync.replicas=2} when more than one).
     */
    public static KafkaClient ofCluster(String bootstrap, int replicationFactor) {
        return new KafkaClient(replicationFactor, bootstrap);
    }

    private KafkaClient(int replicationFactor, String bootstrap) {
        this.bootstrap = bootstrap;
        this.replicationFactor = replicationFactor;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        this.admin = Admin.create(props);
    }

    @Override
    public void createTopic(String topic) throws Exception {
        NewTopic newTopic = new NewTopic(topic, 1, (short) replicationFactor);
        if (replicationFactor > 1) {
            newTopic.configs(Map.of("min.insync.replicas", Integer.toString(KafkaServerMain.CLUSTER_MIN_INSYNC)));
        }
        admin.createTopics(List.of(newTopic)).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void createSubscription(String topic, String subscription) {
        // A Kafka topic keeps every message for every group: a group made later starts at the earliest offset.
    }

    @Override
    public void removeSubscription(String topic, String subscription) {
        // A group holds only its committed offsets; nothing to free.
    }

    @Override
    public Publisher openPublisher(String topic, boolean asyncCapable) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, asyncCapable ? 5 : 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaPublisher(new KafkaProducer<>(props), topic);
    }

    @Override
    public Subscriber openSubscriber(String topic, String subscription, AckMode ackMode) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, subscription);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return new KafkaSubscriber(consumer);
    }

    @Override
    public Subscriber openFromEarliest(String topic, String subscription) {
        return openSubscriber(topic, subscription, AckMode.AUTO);
    }

    @Override
    public boolean hasQueues() {
        return false;
    }

    @Override
    public Publisher openQueuePublisher(String queue) throws UnsupportedWorkloadException {
        throw new UnsupportedWorkloadException("Kafka has no queues");
    }

    @Override
    public Subscriber openQueueBrowser(String queue) throws UnsupportedWorkloadException {
        throw new UnsupportedWorkloadException("Kafka has no queues");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    private static final class KafkaPublisher implements Publisher {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;

        KafkaPublisher(KafkaProducer<byte[], byte[]> producer, String topic) {
            this.producer = producer;
            this.topic = topic;
        }

        @Override
        public void send(byte[] payload) throws Exception {
            producer.send(new ProducerRecord<>(topic, payload)).get();
        }

        @Override
        public void sendAsync(byte[] payload, SendCallback callback) {
            producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> callback.completed(error));
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }

    private static final class KafkaSubscriber implements Subscriber {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private Iterator<ConsumerRecord<byte[], byte[]>> pending = Collections.emptyIterator();
        private ConsumerRecord<byte[], byte[]> last;

        KafkaSubscriber(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void awaitReady(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.assignment().isEmpty() && !pending.hasNext()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka consumer got no partition within " + timeout);
                }
                pending = consumer.poll(Duration.ofMillis(100)).iterator();
            }
        }

        @Override
        public boolean receive(Duration timeout) {
            if (!pending.hasNext()) {
                pending = consumer.poll(timeout).iterator();
                if (!pending.hasNext()) {
                    return false;
                }
            }
            last = pending.next();
            return true;
        }

        @Override
        public long stampOfLast() {
            return ByteBuffer.wrap(last.value()).getLong(0);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
