package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.selector.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        MessageGroups groups = new MessageGroups(null);
        SubscriptionConsumer first = consumer(1);
        SubscriptionConsumer second = consumer(5);
        policy.add(first);
        policy.add(second);
        StoredRecord g1 = record(0, "g", null);
        assertThat(policy.chooseConsumer(0, g1, groups, 0)).isSameAs(first);
        assertThat(groups.owner("g")).isEqualTo(first.identity());
        first.send(0, new Delivery(g1, 1));
        StoredRecord g2 = record(1, "g", null);
        assertThat(policy.chooseConsumer(0, g2, groups, 0)).as("its owner has no credit").isNull();
        assertThat(policy.mayPassOver(g2, groups)).as("the records behind it still go").isTrue();
        assertThat(policy.chooseConsumer(0, record(2, null, null), groups, 0)).isSameAs(second);
        policy.remove(first);
        assertThat(policy.chooseConsumer(0, g2, groups, 0)).as("the group moves on when its consumer leaves")
                .isSameAs(second);
    }

    @Test
    void aGroupTakenOverFromStoredStateWaitsForItsOwnerToAttachUntilTheWaitEnds() {
        DispatchPolicy policy = new DispatchPolicy(SubscriptionKind.QUEUE, null, false, SETTINGS.withGroupWaitMs(100));
        List<String> freed = new ArrayList<>();
        MessageGroups groups = new MessageGroups(new MessageGroups.Changes() {
            @Override
            public void assigned(String group, String owner) {
            }

            @Override
            public void freed(String owner) {
                freed.add(owner);
            }
        });
        groups.restore(Map.of("a", "client/1", "b", "client/2"));
        SubscriptionConsumer other = new SubscriptionConsumer("client/2", new Sink("c2", true), null, 10, Set.of());
        policy.add(other);
        groups.startWaits(1000 + policy.groupWaitMs());
        StoredRecord a = record(0, "a", null);
        assertThat(policy.chooseConsumer(0, a, groups, 1000)).as("waits for its owner").isNull();
        assertThat(policy.mayPassOver(a, groups)).isTrue();
        assertThat(policy.chooseConsumer(0, record(1, "b", null), groups, 1000)).as("its own group").isSameAs(other);

        SubscriptionConsumer owner = new SubscriptionConsumer("client/1", new Sink("c3", true), null, 10, Set.of(1));
        policy.add(owner);
        assertThat(policy.chooseConsumer(0, a, groups, 1050)).as("its owner does not cover the partition yet")
                .isNull();
        owner.partitions(Set.of(0, 1));
        assertThat(policy.chooseConsumer(0, a, groups, 1050)).as("back, attached again").isSameAs(owner);

        groups.restore(Map.of("a", "client/1"));
        policy.remove(owner);
        groups.startWaits(2000 + policy.groupWaitMs());
        groups.expire(2099, id -> policy.covers(id, 0));
        assertThat(policy.chooseConsumer(0, a, groups, 2099)).isNull();
        assertThat(groups.nextWaitEnd()).isEqualTo(2100);
        groups.expire(2100, id -> policy.covers(id, 0));
        assertThat(freed).as("an owner not back when the wait ends loses its groups").containsExactly("client/1");
        assertThat(groups.nextWaitEnd()).isEqualTo(Long.MAX_VALUE);
        assertThat(policy.chooseConsumer(0, a, groups, 2100)).as("and the group moves on").isSameAs(other);
        assertThat(groups.owner("a")).isEqualTo("client/2");
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
