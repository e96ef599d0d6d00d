package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.selector.MessageView;
import io.logjms.selector.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who gets a record, and whether anyone does: the subscription's selector and noLocal rule, message
 * groups (each partition's owners are its dispatcher's {@link MessageGroups}), the round robin over
 * consumers with credit, dead-lettering after too many deliveries, and whether a consumer may take whole
 * stored batches straight from the file. Holds the attached consumers. Expiry, delivery delay and priority order are record properties the
 * {@link PartitionDispatcher} applies with {@link #inPriorityOrder}.
 *
 * <p>Not thread-safe: its {@link Subscription} serializes access.
 */
final class DispatchPolicy {
    private final SubscriptionKind kind;
    private final Selector selector;
    private final boolean noLocal;
    private final SubscriptionSettings settings;
    private final List<SubscriptionConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    /** The attached consumers by {@link SubscriptionConsumer#identity()}, the last attached one of an identity. */
    private final Map<String, SubscriptionConsumer> byIdentity = new HashMap<>();

    DispatchPolicy(SubscriptionKind kind, Selector selector, boolean noLocal, SubscriptionSettings settings) {
        this.kind = kind;
        this.selector = selector == null ? Selector.MATCH_ALL : selector;
        this.noLocal = noLocal;
        this.settings = settings;
    }

    SubscriptionKind kind() {
        return kind;
    }

    Selector selector() {
        return selector;
    }

    boolean noLocal() {
        return noLocal;
    }

    List<SubscriptionConsumer> consumers() {
        return consumers;
    }

    void add(SubscriptionConsumer consumer) {
        consumers.add(consumer);
        byIdentity.put(consumer.identity(), consumer);
    }

    /**
     * Detaches a consumer; false when it was not attached. Its message groups are the dispatchers' to free
     * ({@link PartitionDispatcher#detached}).
     */
    boolean remove(SubscriptionConsumer consumer) {
        if (!consumers.remove(consumer)) {
            return false;
        }
        if (byIdentity.remove(consumer.identity(), consumer)) {
            for (SubscriptionConsumer other : consumers) {
                if (other.identity().equals(consumer.identity())) {
                    byIdentity.put(other.identity(), other); // attached twice (a reconnect overtook the loss)
                }
            }
        }
        return true;
    }

    void clear() {
        consumers.clear();
        byIdentity.clear();
    }

    /** The attached consumer of identity {@code identity}, or null. */
    SubscriptionConsumer attached(String identity) {
        return byIdentity.get(identity);
    }

    /** Whether the consumer of identity {@code identity} is attached and covers {@code partition}. */
    boolean covers(String identity, int partition) {
        SubscriptionConsumer c = byIdentity.get(identity);
        return c != null && c.covers(partition);
    }

    /** How long the message groups of an owner a new leader took over wait for it to attach, in ms. */
    long groupWaitMs() {
        return settings.groupWaitMs();
    }

    /**
     * Whether a topic subscription drops the record without delivering it: its selector does not select
     * it, or it came from one of the subscriber's own connections under noLocal. A queue never drops:
     * each consumer has its own selector.
     */
    boolean dropsRecord(StoredRecord record) {
        if (kind == SubscriptionKind.QUEUE) {
            return false;
        }
        return !matches(selector, record) || (noLocal && isLocal(record));
    }

    /**
     * The consumer to hand a record to now, or null. On a shared cursor a message group (the record key,
     * which is the JMSXGroupID) sticks to the consumer that got its first message, so the group is
     * processed in order by one consumer, as with Artemis's message groups; the group moves on only
     * when that consumer leaves. {@code groups} are the partition's owners, by consumer identity: an owner a new
     * leader took over that has not attached here yet is waited for ({@link MessageGroups#awaits}).
     */
    SubscriptionConsumer chooseConsumer(int partition, StoredRecord record, MessageGroups groups, long now) {
        String group = groupOf(record);
        if (group != null) {
            String ownerId = groups.owner(group);
            SubscriptionConsumer owner = ownerId == null ? null : byIdentity.get(ownerId);
            if (owner != null && owner.covers(partition)) {
                groups.arrived(ownerId);
                if (kind != SubscriptionKind.QUEUE || matches(owner.selector(), record)) {
                    return owner.credit() > 0 ? owner : null;
                }
            } else if (ownerId != null && groups.awaits(ownerId, now)) {
                return null;
            }
        }
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            SubscriptionConsumer candidate = consumers.get((nextConsumer + i) % n);
            if (candidate.credit() > 0 && candidate.covers(partition)
                    && (kind != SubscriptionKind.QUEUE || matches(candidate.selector(), record))) {
                nextConsumer = (nextConsumer + i + 1) % n;
                if (group != null) {
                    groups.assign(group, candidate.identity());
                }
                return candidate;
            }
        }
        return null;
    }

    /**
     * Whether a record no consumer can take now may be passed over, so the records behind it still go
     * out: its group's consumer takes it once it has credit (or is back), or (queue) no consumer with credit
     * selects it. Otherwise every consumer is out of credit and the dispatch stops.
     */
    boolean mayPassOver(StoredRecord record, MessageGroups groups) {
        String group = groupOf(record);
        if (group != null && groups.owner(group) != null) {
            return true;
        }
        return kind == SubscriptionKind.QUEUE && anyConsumerHasCredit();
    }

    /** Whether a record that would now be delivered for the {@code nextCount}-th time goes to the dead-letter queue. */
    boolean deadLetters(int nextCount) {
        return nextCount > settings.maxDeliveries() && settings.deadLetters() != null;
    }

    void deadLetter(StoredRecord record, DestinationId from, int deliveryCount) {
        settings.deadLetters().deadLetter(record, from, deliveryCount);
    }

    /**
     * The consumer that takes whole stored batches from the file, or null. Only a subscription of its
     * own (non-durable or durable: one consumer, so no groups and no round robin) without a selector and
     * without noLocal qualifies, with a sink that takes batches, and only when the broker
     * allows it ({@code delivery.zero.copy}). Whether a given batch may go whole is the dispatcher's call.
     */
    SubscriptionConsumer wholeBatchConsumer() {
        if (!settings.wholeBatches() || kind.shared() || kind == SubscriptionKind.QUEUE || noLocal
                || !selector.isMatchAll() || consumers.size() != 1) {
            return null;
        }
        SubscriptionConsumer only = consumers.get(0);
        return only.sink().acceptsBatches() ? only : null;
    }

    private String groupOf(StoredRecord record) {
        return kind.shared() ? record.keyString() : null;
    }

    private boolean anyConsumerHasCredit() {
        for (SubscriptionConsumer candidate : consumers) {
            if (candidate.credit() > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean isLocal(StoredRecord record) {
        String origin = record.origin();
        if (origin == null) {
            return false;
        }
        for (SubscriptionConsumer consumer : consumers) {
            if (origin.equals(consumer.sink().origin())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a record matches a selector; without one the record's headers need not be decoded. */
    static boolean matches(Selector selector, StoredRecord record) {
        return selector.isMatchAll() || selector.matches(viewOf(record));
    }

    private static MessageView viewOf(StoredRecord record) {
        MessageView view = record.headers();
        return view != null ? view : identifier -> null;
    }

    /**
     * JMS priority, honoured among the records the cursor holds ready: higher priorities first, and in
     * offset order within a priority. Most streams use one priority, so they are returned as they are.
     */
    static List<Long> inPriorityOrder(List<Long> offsets, RecordWindow window) {
        int n = offsets.size();
        int[] priorities = new int[n];
        boolean mixed = false;
        for (int i = 0; i < n; i++) {
            StoredRecord record = window.get(offsets.get(i));
            priorities[i] = record == null ? MessageHeaders.DEFAULT_PRIORITY : record.priority();
            mixed |= priorities[i] != priorities[0];
        }
        if (!mixed) {
            return offsets;
        }
        List<List<Long>> byPriority = new ArrayList<>();
        for (int p = 0; p <= MessageHeaders.MAX_PRIORITY; p++) {
            byPriority.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byPriority.get(priorities[i]).add(offsets.get(i));
        }
        List<Long> ordered = new ArrayList<>(n);
        for (int p = byPriority.size() - 1; p >= 0; p--) {
            ordered.addAll(byPriority.get(p));
        }
        return ordered;
    }
}
