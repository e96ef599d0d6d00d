package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;

/**
 * Two competing consumers on one queue. Neither a queue broker nor a log promises one global order across
 * competing consumers; each consumer sees its share in send order. With JMSXGroupID the order of each group is
 * what applications rely on.
 */
class OrderingTest extends QueueVsLogScenario {

    private static final int CONSUMERS = 2;
    private static final int COUNT = 60;
    // three groups over two consumers: a plain round-robin dispatch would split every group
    private static final List<String> GROUPS = List.of("g0", "g1", "g2");

    /** One received message: which consumer got it, its group (or null) and its send sequence number. */
    private record Receipt(int consumer, String group, int seq) {
    }

    @ProviderTest
    @DisplayName("6a competing consumers without groups: per-consumer order")
    void competingConsumersEachSeeTheirShareInOrder(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Queue queue = session(provider).createQueue(unique("competing"));
        List<Receipt> receipts = listen(provider, queue);
        send(provider, queue, seq -> null);

        await().atMost(AWAIT_TIMEOUT).until(() -> receipts.size() >= COUNT);
        Map<Integer, List<Integer>> byConsumer = seqsBy(receipts, Receipt::consumer);

        observe(reporter, "shares per consumer " + shares(byConsumer) + ", each in increasing order: "
                + byConsumer.values().stream().allMatch(OrderingTest::increasing));
        assertThat(receipts).extracting(Receipt::seq).as("every message once")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, COUNT).boxed().toList());
        assertThat(byConsumer.values()).as("each consumer sees its share in send order")
                .allSatisfy(seqs -> assertThat(seqs).isSorted());
    }

    @ProviderTest
    @DisplayName("6b competing consumers with JMSXGroupID: per-group order")
    void groupsKeepTheirOrder(JmsProviderUnderTest provider, TestReporter reporter) throws JMSException {
        Queue queue = session(provider).createQueue(unique("grouped"));
        List<Receipt> receipts = listen(provider, queue);
        send(provider, queue, seq -> GROUPS.get(seq % GROUPS.size()));

        await().atMost(AWAIT_TIMEOUT).until(() -> receipts.size() >= COUNT);
        Map<String, List<Integer>> byGroup = seqsBy(receipts, Receipt::group);
        Map<String, List<Integer>> consumersOfGroup = receipts.stream().collect(Collectors.groupingBy(Receipt::group,
                TreeMap::new, Collectors.mapping(Receipt::consumer, Collectors.collectingAndThen(Collectors.toList(),
                        list -> list.stream().distinct().sorted().toList()))));

        Map<String, List<Integer>> byConsumerAndGroup = seqsBy(receipts, r -> r.consumer() + "/" + r.group());
        observe(reporter, "group -> consumers " + consumersOfGroup + "; each consumer's part of a group in send order: "
                + byConsumerAndGroup.values().stream().allMatch(OrderingTest::increasing));
        assertThat(receipts).extracting(Receipt::seq).as("every message once")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, COUNT).boxed().toList());
        assertThat(byConsumerAndGroup.values()).as("each consumer sees its part of a group in send order")
                .allSatisfy(seqs -> assertThat(seqs).isSorted());
        // the order of a group holds for processing only if one consumer takes the whole group
        Map<String, List<Integer>> splitGroups = new TreeMap<>(consumersOfGroup);
        splitGroups.values().removeIf(consumers -> consumers.size() == 1);
        assertThat(splitGroups).as("groups delivered to more than one consumer (group -> consumers)").isEmpty();
        assertThat(byGroup.values()).as("each group arrives in send order").allSatisfy(seqs -> assertThat(seqs).isSorted());
    }

    /** Starts {@link #CONSUMERS} listeners, each on its own connection, recording in arrival order. */
    private List<Receipt> listen(JmsProviderUnderTest provider, Queue queue) throws JMSException {
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            int consumer = i;
            session(provider).createConsumer(queue).setMessageListener(message -> receipts.add(receipt(consumer, message)));
        }
        return receipts;
    }

    private void send(JmsProviderUnderTest provider, Queue queue, IntFunction<String> groupOf)
            throws JMSException {
        Session session = session(provider);
        try (MessageProducer producer = session.createProducer(queue)) {
            for (int seq = 0; seq < COUNT; seq++) {
                TextMessage message = session.createTextMessage("o" + seq);
                message.setIntProperty("seq", seq);
                String group = groupOf.apply(seq);
                if (group != null) {
                    message.setStringProperty("JMSXGroupID", group);
                }
                producer.send(message);
            }
        }
    }

    private static Receipt receipt(int consumer, Message message) {
        try {
            return new Receipt(consumer, message.getStringProperty("JMSXGroupID"), message.getIntProperty("seq"));
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the properties of a received message", e);
        }
    }

    /** Sequence numbers by key, in the order the listeners recorded them. */
    private static <K> Map<K, List<Integer>> seqsBy(List<Receipt> receipts, Function<Receipt, K> key) {
        Map<K, List<Integer>> by = new TreeMap<>();
        receipts.forEach(r -> by.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r.seq()));
        return by;
    }

    private static String shares(Map<Integer, List<Integer>> byConsumer) {
        return IntStream.range(0, CONSUMERS).mapToObj(c -> Integer.toString(byConsumer.getOrDefault(c, List.of()).size()))
                .collect(Collectors.joining(" / "));
    }

    private static boolean increasing(List<Integer> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) <= seqs.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
