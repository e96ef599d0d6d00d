package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.selector.Selector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who gets a record, and who may take whole batches, decided without any log or executor. */
class DispatchPolicyTest {
    private static final SubscriptionSettings SETTINGS = new SubscriptionSettings(3, (r, from, n) -> { }, false, true);

    private record Sink(String connectionId, boolean acceptsBatches) implements DeliverySink {
        @Override
        public void deliver(int partition, List<Delivery> deliveries) {
        }

        @Override
        public void closed(ErrorCode error, String message) {
        }
    }

    private static SubscriptionConsumer consumer(int credit) {
        return new SubscriptionConsumer(new Sink("c1", true), null, credit);
    }

    private static StoredRecord record(long offset, String group, String origin) {
        MessageHeaders h = new MessageHeaders();
        if (origin != null) {
            h.setProperty(StoredRecord.ORIGIN_PROPERTY, origin);
        }
        return new StoredRecord(offset, 0, group == null ? null : group.getBytes(StandardCharsets.UTF_8),
                MessageHeadersCodec.encode(h), new byte[0]);
    }

    @ParameterizedTest
    @EnumSource(SubscriptionKind.class)
    void onlyASubscriptionOfItsOwnTakesWholeBatches(SubscriptionKind kind) {
        DispatchPolicy policy = new DispatchPolicy(kind, null, false, SETTINGS);
        SubscriptionConsumer only = consumer(0);
        policy.add(only);
        boolean ofItsOwn = kind == SubscriptionKind.NON_DURABLE || kind == SubscriptionKind.DURABLE;
        assertThat(policy.wholeBatchConsumer()).as("even without credit: the dispatcher then reads nothing ahead")
                .isEqualTo(ofItsOwn ? only : null);
    }

    @Test
    void aSelectorNoLocalTheSettingOrTheSinkRuleWholeBatchesOut() throws Exception {
        DispatchPolicy selected = new DispatchPolicy(SubscriptionKind.DURABLE, Selector.parse("a = 1"), false, SETTINGS);
        selected.add(consumer(10));
        DispatchPolicy noLocal = new DispatchPolicy(SubscriptionKind.NON_DURABLE, null, true, SETTINGS);
        noLocal.add(consumer(10));
        DispatchPolicy off = new DispatchPolicy(SubscriptionKind.NON_DURABLE, null, false,
                new SubscriptionSettings(3, null, false, false));
        off.add(consumer(10));
        DispatchPolicy tls = new DispatchPolicy(SubscriptionKind.NON_DURABLE, null, false, SETTINGS);
        tls.add(new SubscriptionConsumer(new Sink("c1", false), null, 10));
        for (DispatchPolicy policy : List.of(selected, noLocal, off, tls)) {
            assertThat(policy.wholeBatchConsumer()).isNull();
        }
    }

    @Test
    void noLocalDropsTheSubscribersOwnRecordsOnly() {
        DispatchPolicy policy = new DispatchPolicy(SubscriptionKind.NON_DURABLE, null, true, SETTINGS);
        policy.add(consumer(10));
        assertThat(policy.dropsRecord(record(0, null, "c1"))).isTrue();
        assertThat(policy.dropsRecord(record(1, null, "c2"))).isFalse();
        assertThat(policy.dropsRecord(record(2, null, null))).isFalse();
    }

    @Test
    void aMessageGroupSticksToItsConsumerAndWaitsForItsCredit() {
        DispatchPolicy policy = new DispatchPolicy(SubscriptionKind.QUEUE, null, false, SETTINGS);
        SubscriptionConsumer first = consumer(1);
        SubscriptionConsumer second = consumer(5);
        policy.add(first);
        policy.add(second);
        StoredRecord g1 = record(0, "g", null);
        assertThat(policy.chooseConsumer(0, g1)).isSameAs(first);
        first.send(0, new Delivery(g1, 1));
        StoredRecord g2 = record(1, "g", null);
        assertThat(policy.chooseConsumer(0, g2)).as("its owner has no credit").isNull();
        assertThat(policy.mayPassOver(g2)).as("the records behind it still go").isTrue();
        assertThat(policy.chooseConsumer(0, record(2, null, null))).isSameAs(second);
        policy.remove(first);
        assertThat(policy.chooseConsumer(0, g2)).as("the group moves on when its consumer leaves").isSameAs(second);
    }

    @Test
    void deadLettersAfterTheMaximumOfDeliveries() {
        DispatchPolicy policy = new DispatchPolicy(SubscriptionKind.QUEUE, null, false, SETTINGS);
        assertThat(policy.deadLetters(3)).isFalse();
        assertThat(policy.deadLetters(4)).isTrue();
        assertThat(new DispatchPolicy(SubscriptionKind.QUEUE, null, false, new SubscriptionSettings(3, null, false))
                .deadLetters(4)).as("without a dead-letter queue").isFalse();
    }
}
