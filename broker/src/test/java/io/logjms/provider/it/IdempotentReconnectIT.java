package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsProperties;
import io.logjms.testing.FaultProxy;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producers of every kind send uniquely numbered persistent messages through a {@link FaultProxy} that
 * swallows PRODUCE and COMMIT answers (some with the connection cut) and cuts connections at random. The
 * log, read afterwards straight from the broker, must hold every acknowledged send exactly once, nothing
 * twice, and each producer's messages of a partition in send order; no application call may fail.
 * The faults follow a seed printed with every failure; {@code -Dlogjms.faults.seed=...} replays one.
 */
@Timeout(90)
class IdempotentReconnectIT extends EmbeddedBrokerSupport {
    private static final String TOPIC = "idem.events";
    private static final int PARTITIONS = 3;
    private static final int PER_PRODUCER = 300;
    private static final int PER_TRANSACTION = 3;

    private final long seed = FaultProxy.seed("logjms.faults.seed");
    private FaultProxy proxy;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    @Override
    Broker.Builder configure(Broker.Builder builder) {
        return builder.partitionsDefault(PARTITIONS);
    }

    private Connection throughProxy() throws JMSException {
        return closeLater(new LogJmsConnectionFactory("logjms://127.0.0.1:" + proxy.port()
                + "?requestTimeout=1000&reconnectTimeout=20000").createConnection());
    }

    @Test
    void everyAcknowledgedSendIsInTheLogExactlyOnceDespiteLostAnswersAndCutConnections() throws Exception {
        System.out.println("IdempotentReconnectIT seed " + seed + " (-Dlogjms.faults.seed=" + seed + " replays it)");
        // closed after the connections (closeLater closes in reverse order), before the broker
        proxy = closeLater(FaultProxy.start(broker.port(), seed))
                .cutAtAnswer(ApiKey.PRODUCE, 0.03)
                .cutAtAnswer(ApiKey.COMMIT, 0.05)
                .dropAnswers(ApiKey.PRODUCE, 0.008)
                .dropAnswers(ApiKey.COMMIT, 0.01)
                .cutRandomly(0.005)
                .limitFaults(40);

        Connection sync = throughProxy();
        Connection async = throughProxy();
        Connection transacted = throughProxy();
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> producers = List.of(
                    CompletableFuture.runAsync(() -> guarded("sync", () -> syncProducer(sync)), threads),
                    CompletableFuture.runAsync(() -> guarded("async", () -> asyncProducer(async)), threads),
                    CompletableFuture.runAsync(() -> guarded("transacted", () -> transactedProducer(transacted)),
                            threads));
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        proxy.stopFaults();
        String faults = proxy.describe();
        System.out.println("IdempotentReconnectIT: producers took " + tookMillis + " ms; " + faults);

        assertThat(failures).as("application calls that failed; %s", faults).isEmpty();
        assertThat(acknowledged).as(faults).hasSize(3 * PER_PRODUCER);
        assertThat(proxy.cuts() + proxy.dropped()).as("faults injected; %s", faults).isGreaterThanOrEqualTo(10);

        List<Stored> log = readLogFromBroker();
        Map<String, Integer> copies = new HashMap<>();
        log.forEach(s -> copies.merge(s.id(), 1, Integer::sum));
        Map<String, Integer> doubled = new HashMap<>(copies);
        doubled.values().removeIf(n -> n == 1);
        assertThat(doubled).as("messages in the log more than once; %s", faults).isEmpty();
        assertThat(copies.keySet()).as("the log holds exactly the acknowledged sends; %s", faults)
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(outOfOrder(log)).as("a producer's messages of one partition out of send order; %s", faults)
                .isEmpty();
        assertThat(tookMillis).as("time the producers needed; %s", faults).isLessThan(30_000L);
    }

    private void guarded(String name, ThrowingRunnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            failures.add(new AssertionError(name + " producer failed: " + e, e));
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Numbered {@code <kind>-<n>}, grouped over the partitions so each session writes to all of them. */
    private static Message numbered(Session session, String kind, int n) throws JMSException {
        Message m = session.createTextMessage(kind + " " + n);
        m.setStringProperty("id", kind + "-" + n);
        m.setStringProperty("JMSXGroupID", "g" + n % 7);
        return m;
    }

    private void syncProducer(Connection connection) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
        for (int i = 0; i < PER_PRODUCER; i++) {
            producer.send(numbered(session, "s", i));
            acknowledged.add("s-" + i);
        }
    }

    private void asyncProducer(Connection connection) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
        for (int i = 0; i < PER_PRODUCER; i++) {
            String id = "a-" + i;
            producer.send(numbered(session, "a", i), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    acknowledged.add(id);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failures.add(new AssertionError("async send " + id + " failed: " + exception, exception));
                }
            });
            if (i % 20 == 19) {
                int sent = i + 1;
                // a bounded window, so the cuts find sends in flight rather than one huge queue
                await().atMost(Duration.ofSeconds(30)).until(() -> sent - countAcknowledged("a-") <= 40
                        || !failures.isEmpty());
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> countAcknowledged("a-") == PER_PRODUCER
                || !failures.isEmpty());
    }

    private long countAcknowledged(String prefix) {
        return acknowledged.stream().filter(id -> id.startsWith(prefix)).count();
    }

    private void transactedProducer(Connection connection) throws JMSException {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
        for (int i = 0; i < PER_PRODUCER; i += PER_TRANSACTION) {
            for (int j = i; j < i + PER_TRANSACTION; j++) {
                producer.send(numbered(session, "t", j));
            }
            session.commit();
            for (int j = i; j < i + PER_TRANSACTION; j++) {
                acknowledged.add("t-" + j);
            }
        }
    }

    private record Stored(String id, int partition, long offset) {
        String producer() {
            return id.substring(0, id.indexOf('-'));
        }

        int number() {
            return Integer.parseInt(id.substring(id.indexOf('-') + 1));
        }
    }

    /** Every message of the topic from the log start, read on a connection straight to the broker. */
    private List<Stored> readLogFromBroker() throws JMSException {
        List<Stored> log = new ArrayList<>();
        try (Connection direct = factory().createConnection()) {
            Session session = direct.createSession();
            Topic all = session.createTopic(TOPIC + "?start=earliest");
            MessageConsumer reader = session.createConsumer(all);
            direct.start();
            for (Message m = reader.receive(5000); m != null; m = reader.receive(1000)) {
                log.add(new Stored(m.getStringProperty("id"), m.getIntProperty(LogJmsProperties.PARTITION),
                        m.getLongProperty(LogJmsProperties.OFFSET)));
            }
        }
        return log;
    }

    /** Pairs of one producer's messages of one partition whose log order differs from their send order. */
    private static List<String> outOfOrder(List<Stored> log) {
        Map<String, Stored> last = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        log.stream().sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset())).forEach(s -> {
                    Stored before = last.put(s.producer() + "@" + s.partition(), s);
                    if (before != null && before.number() >= s.number()) {
                        wrong.add(before + " before " + s);
                    }
                });
        return wrong;
    }
}
