package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Request decoders refuse field values the protocol does not allow, naming the field. */
class RequestFieldChecksTest {
    private static final DestinationId TOPIC = DestinationId.topic("t");

    private static void refused(Consumer<ByteBuf> writer, Function<ByteBuf, ?> reader, String field, String problem) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(buf);
            assertThatThrownBy(() -> reader.apply(buf)).isInstanceOf(InvalidRequestException.class)
                    .hasMessage(field + " " + problem)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));
        } finally {
            buf.release();
        }
    }

    @Test
    void aSubscriptionIdToDescribeMustBePresent() {
        refused(new NameRequest(null)::writeTo, b -> NameRequest.readRequired(b, "subscriptionId"), "subscriptionId",
                "must not be null");
        refused(new NameRequest("")::writeTo, b -> NameRequest.readRequired(b, "subscriptionId"), "subscriptionId",
                "must not be empty");
        refused(new ResetSubscriptionRequest(null, SeekMode.END, 0, -1, false)::writeTo,
                ResetSubscriptionRequest::readFrom, "subscriptionId", "must not be null");
    }

    @Test
    void partitionsAndOffsetsMustNotBeNegative() {
        refused(new FetchRequest(TOPIC, -1, 0, 100)::writeTo, FetchRequest::readFrom, "partition",
                "must not be negative (was -1)");
        refused(new FetchRequest(TOPIC, 0, Long.MIN_VALUE, 100)::writeTo, FetchRequest::readFrom, "offset",
                "must not be negative (was " + Long.MIN_VALUE + ")");
        refused(new FetchRequest(TOPIC, 0, 0, -5)::writeTo, FetchRequest::readFrom, "maxBytes",
                "must not be negative (was -5)");
        refused(new ProduceRequest(TOPIC, Integer.MIN_VALUE, Unpooled.EMPTY_BUFFER)::writeTo, ProduceRequest::readFrom,
                "partition", "must not be negative (was " + Integer.MIN_VALUE + ")");
        refused(new AckRequest(1, List.of(new RecordRef(-3, 0)))::writeTo, AckRequest::readFrom, "partition",
                "must not be negative (was -3)");
        refused(new ReleaseRequest(1, true, List.of(new RecordRef(0, -1)))::writeTo, ReleaseRequest::readFrom, "offset",
                "must not be negative (was -1)");
        refused(new BrowseRequest(DestinationId.queue("q"), null, 10, Map.of(-1, 0L))::writeTo, BrowseRequest::readFrom,
                "positions partition", "must not be negative (was -1)");
        refused(new CommitRequest(List.of(new CommitRequest.Produce(TOPIC, -2, Unpooled.EMPTY_BUFFER)), List.of())::writeTo,
                CommitRequest::readFrom, "partition", "must not be negative (was -2)");
        refused(new SeekRequest(1, SeekMode.OFFSET, 0, -2)::writeTo, SeekRequest::readFrom, "partition",
                "must be a partition number or -1 for all (was -2)");
    }

    @Test
    void initialCreditMustNotBeNegative() {
        refused(SubscribeRequest.nonDurable(1, TOPIC, StartPosition.LATEST, 0, null, Integer.MIN_VALUE)::writeTo,
                SubscribeRequest::readFrom, "initialCredit", "must not be negative (was " + Integer.MIN_VALUE + ")");
    }

    @Test
    void aCreditNoticeMayWithdrawCredit() {
        ByteBuf buf = Unpooled.buffer();
        new CreditNotice(1, Integer.MIN_VALUE).writeTo(buf);
        assertThat(CreditNotice.readFrom(buf).credit()).as("a closing consumer withdraws its credit").isEqualTo(Integer.MIN_VALUE);
        buf.release();
    }

    @Test
    void namedSubscriptionsNeedAName() {
        for (SubscriptionKind kind : List.of(SubscriptionKind.DURABLE, SubscriptionKind.SHARED_DURABLE,
                SubscriptionKind.SHARED_NON_DURABLE)) {
            refused(new SubscribeRequest(1, TOPIC, kind, null, null, false, StartPosition.LATEST, 0, 10)::writeTo,
                    SubscribeRequest::readFrom, "name", "must not be null");
        }
        ByteBuf buf = Unpooled.buffer();
        new SubscribeRequest(1, DestinationId.queue("q"), SubscriptionKind.QUEUE, null, null, false,
                StartPosition.LATEST, 0, 10).writeTo(buf);
        assertThat(SubscribeRequest.readFrom(buf).name()).as("a queue consumer has no name").isNull();
        buf.release();
    }

    @Test
    void partitionCountIsPositiveOrTheDefault() {
        for (int partitions : new int[] {0, -2, Integer.MIN_VALUE}) {
            refused(new CreateDestinationRequest(TOPIC, partitions, Map.of())::writeTo, CreateDestinationRequest::readFrom,
                    "partitions", "must be at least 1, or -1 for the broker default (was " + partitions + ")");
        }
        ByteBuf buf = Unpooled.buffer();
        new CreateDestinationRequest(TOPIC, CreateDestinationRequest.DEFAULT_PARTITIONS, Map.of()).writeTo(buf);
        assertThat(CreateDestinationRequest.readFrom(buf).partitions()).isEqualTo(-1);
        buf.release();
    }

    @Test
    void settingsHaveNamesAndValues() {
        Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("retention.ms", null);
        refused(new CreateDestinationRequest(TOPIC, 1, nullValue)::writeTo, CreateDestinationRequest::readFrom,
                "settings value of retention.ms", "must not be null");
        Map<String, String> nullKey = new java.util.HashMap<>();
        nullKey.put(null, "1");
        refused(new CreateDestinationRequest(TOPIC, 1, nullKey)::writeTo, CreateDestinationRequest::readFrom,
                "settings key", "must not be null");
    }
}
